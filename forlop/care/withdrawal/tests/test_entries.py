"""Entering CIWA-Ar, COWS and PAWSS through the form: every shared vector gives the published total and band,
our own entries at every band boundary, out-of-range answers rejected with a Norwegian message and nothing
typed lost, times in the future refused, append-only entries and the "registrert ved en feil" mark."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection, transaction

from forlop.audit.models import AccessLog, Action
from forlop.booking.tests.conftest import NOW
from forlop.care import services as care_services
from forlop.care.scales import BANDS, SCALES, ScaleKind
from forlop.care.withdrawal import services
from forlop.care.withdrawal.models import EntryError, Immutable, ScaleEntry

from .conftest import TAKEN, form_data, new_url, series_url, shared_vectors

CIWA, COWS, PAWSS = ScaleKind.CIWA_AR, ScaleKind.COWS, ScaleKind.PAWSS


def vectors(instrument: str, *, invalid: bool) -> list[dict]:
    return [
        v for v in shared_vectors() if v["instrument"] == instrument and bool(v.get("invalid")) is invalid
    ]


def vector_id(v: dict) -> str:
    return f"{v['instrument']}:{v.get('answers', 'threshold=' + str(v.get('threshold')))}"


VALID = [v for kind in ("ciwa_ar", "cows", "pawss") for v in vectors(kind, invalid=False)]
INVALID = [v for kind in ("ciwa_ar", "cows", "pawss") for v in vectors(kind, invalid=True)]


def test_the_shared_vectors_are_there_for_all_three_scales():
    assert {v["instrument"] for v in VALID} == {"ciwa_ar", "cows", "pawss"}
    assert {v["instrument"] for v in INVALID} >= {"ciwa_ar", "cows"}


@pytest.mark.parametrize("vector", VALID, ids=vector_id)
def test_every_shared_vector_entered_through_the_form_gives_the_published_total_and_band(world, tor, vector):
    kind = ScaleKind(vector["instrument"])
    data = form_data(kind, vector.get("answers"), threshold=vector.get("threshold"))
    response = tor.post(new_url(world, kind), data)
    assert response.status_code == 302, response.content.decode()
    entry = ScaleEntry.objects.get(course=world.course)
    expected_band = vector.get("band") or vector.get("result")
    if expected_band == "not applicable":
        assert (entry.applicable, entry.total, entry.band, entry.flagged) == (False, None, "", False)
    else:
        assert entry.total == vector["total"]
        assert entry.band == expected_band
        assert entry.answers == vector["answers"]
    follow = tor.get(series_url(world))
    shown = follow.content.decode()
    if entry.total is not None:
        assert str(entry.band_obj.label) in shown


@pytest.mark.parametrize("vector", INVALID, ids=vector_id)
def test_every_invalid_shared_vector_is_refused_with_a_norwegian_message_and_the_answers_kept(
    world, tor, vector
):
    kind = ScaleKind(vector["instrument"])
    data = form_data(kind, vector["answers"], threshold=vector.get("threshold"), note="Skalv mye")
    response = tor.post(new_url(world, kind), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "kan bare være" in page
    assert not ScaleEntry.objects.exists()
    form = response.context["form"]
    for name, value in data.items():
        assert form[name].value() == value  # nothing typed is lost


def boundary_answers(kind: ScaleKind, total: int) -> list[int]:
    """Item scores (each allowed) that add up to `total`, filling the items greedily from the first."""
    answers, left = [], total
    for item in SCALES[kind].items:
        pick = max(s for s in item.allowed_scores if s <= left)
        answers.append(pick)
        left -= pick
    assert left == 0, (kind, total)
    return answers


BOUNDARIES = [
    (kind, total, band)
    for kind in (CIWA, COWS, PAWSS)
    for band in BANDS[kind]
    for total in {band.low, band.high}
]


@pytest.mark.parametrize(("kind", "total", "band"), BOUNDARIES, ids=[f"{k}-{t}" for k, t, _b in BOUNDARIES])
def test_an_entry_at_every_band_boundary_lands_in_its_band_and_flags_from_the_threshold(
    world, tor, kind, total, band
):
    threshold = True if kind == PAWSS else None
    response = tor.post(
        new_url(world, kind), form_data(kind, boundary_answers(kind, total), threshold=threshold)
    )
    assert response.status_code == 302
    entry = ScaleEntry.objects.get(course=world.course)
    assert (entry.total, entry.band) == (total, band.key)
    assert entry.flagged is (total >= SCALES[kind].threshold.at_or_above)


@pytest.mark.parametrize(
    ("kind", "item", "value", "message"),
    [
        (CIWA, 1, "8", "CIWA-Ar punkt 1 kan bare være 0, 1, 2, 3, 4, 5, 6 eller 7, ikke «8»"),
        (CIWA, 10, "5", "CIWA-Ar punkt 10 kan bare være 0, 1, 2, 3 eller 4, ikke «5»"),
        (CIWA, 2, "-1", "CIWA-Ar punkt 2 kan bare være"),
        (COWS, 1, "3", "COWS punkt 1 kan bare være 0, 1, 2 eller 4, ikke «3»"),
        (COWS, 11, "1", "COWS punkt 11 kan bare være 0, 3 eller 5, ikke «1»"),
        (PAWSS, 4, "2", "PAWSS punkt 4 kan bare være 0 eller 1, ikke «2»"),
        (CIWA, 3, "2.5", "Skriv et helt tall."),
        (CIWA, 3, "mye", "Skriv et helt tall."),
    ],
)
def test_an_out_of_range_answer_is_refused_next_to_its_item_and_nothing_typed_is_lost(
    world, tor, kind, item, value, message
):
    answers = [0] * len(SCALES[kind].items)
    data = form_data(kind, answers, threshold=True if kind == PAWSS else None, note="Notat")
    data[f"item_{item}"] = value
    response = tor.post(new_url(world, kind), data)
    assert response.status_code == 400
    form = response.context["form"]
    assert any(message in error for error in form.errors[f"item_{item}"])
    assert form[f"item_{item}"].value() == value
    assert form["note"].value() == "Notat"
    assert not ScaleEntry.objects.exists()


def test_a_missing_item_is_named_and_no_total_is_computed(world, tor):
    answers = [1] * 10
    answers[3] = None
    response = tor.post(new_url(world, CIWA), form_data(CIWA, answers))
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["item_4"] == ["Fyll ut dette punktet."]
    assert any("Fyll ut CIWA-Ar punkt 4" in e for e in form.non_field_errors())
    assert not ScaleEntry.objects.exists()


def test_pawss_answered_no_to_the_threshold_question_with_item_answers_is_refused(world, tor):
    response = tor.post(new_url(world, PAWSS), form_data(PAWSS, [1] + [0] * 9, threshold=False))
    assert response.status_code == 400
    assert "PAWSS brukes bare når" in response.context["form"].errors["threshold_met"][0]


def test_pawss_without_an_answer_to_the_threshold_question_is_refused(world, tor):
    response = tor.post(new_url(world, PAWSS), form_data(PAWSS, [0] * 10))
    assert response.status_code == 400
    assert response.context["form"].errors["threshold_met"] == ["Svar på om PAWSS gjelder for personen."]


def test_the_form_shows_every_item_with_its_anchors(world, tor):
    page = tor.get(new_url(world, COWS)).content.decode()
    for item in SCALES[COWS].items:
        assert str(item.text) in page
        for option in item.options:
            assert f'name="item_{item.n}" value="{option.score}"' in page
    ciwa = tor.get(new_url(world, CIWA)).content.decode()
    assert 'type="number" name="item_10"' in ciwa and 'max="4"' in ciwa
    pawss = tor.get(new_url(world, PAWSS)).content.decode()
    assert "drukket alkohol de siste 30 dagene" in pawss


def test_an_unknown_instrument_is_not_found(world, tor):
    assert tor.get(new_url(world, "audit")).status_code == 404


def test_the_time_of_the_assessment_is_oslo_time_stored_in_utc(world, tor):
    tor.post(new_url(world, CIWA), {**form_data(CIWA, [0] * 10), "taken_at": "2026-03-02T07:15"})
    entry = ScaleEntry.objects.get()
    assert entry.taken_at.isoformat() == "2026-03-02T06:15:00+00:00"
    assert entry.entered_at == NOW and entry.entered_by == world.users["team_therapist"]


def test_an_assessment_in_the_future_is_refused(world, tor):
    data = form_data(CIWA, [0] * 10, taken_at=NOW + timedelta(minutes=5))
    response = tor.post(new_url(world, CIWA), data)
    assert response.status_code == 400
    assert response.context["form"].errors["taken_at"] == [
        "Tidspunktet for vurderingen kan ikke være fram i tid."
    ]
    with pytest.raises(services.EntryRejected):
        services.record_entry(
            course=world.course,
            by=world.users["team_therapist"],
            instrument="ciwa_ar",
            answers=[0] * 10,
            taken_at=NOW + timedelta(seconds=1),
            now=NOW,
        )


def test_the_service_ignores_nothing_and_computes_the_total_itself(world):
    entry = services.record_entry(
        course=world.course,
        by=world.users["team_doctor"],
        instrument="cows",
        answers=[4] * 2 + [5] * 2 + [4] * 2 + [5, 4, 4, 4, 5],
        taken_at=TAKEN,
    )
    assert (entry.total, entry.band, entry.flagged) == (48, "severe", True)
    with pytest.raises(services.EntryRejected) as caught:
        services.record_entry(
            course=world.course,
            by=world.users["team_doctor"],
            instrument="cows",
            answers=[0, 0, 2] + [0] * 8,
            taken_at=TAKEN,
        )
    assert caught.value.field == "item_3"


def test_an_entry_is_logged_as_a_change_about_the_person(world, tor):
    tor.post(new_url(world, CIWA), form_data(CIWA, [1] * 9 + [0]))
    entry = ScaleEntry.objects.get()
    row = AccessLog.objects.get(
        action=Action.CREATE, object_type__endswith="scaleentry", object_id=str(entry.pk)
    )
    assert row.person == world.nora and row.why == "Registrerte CIWA-Ar"


@pytest.mark.parametrize("persona", ["coordinator", "other_therapist", "other_doctor", "admin"])
def test_only_the_therapist_or_doctor_on_the_team_may_enter(world, persona):
    client = world.client_for(persona)
    response = client.post(new_url(world, CIWA), form_data(CIWA, [0] * 10))
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        services.record_entry(
            course=world.course,
            by=world.users[persona],
            instrument="ciwa_ar",
            answers=[0] * 10,
            taken_at=TAKEN,
        )
    assert not ScaleEntry.objects.exists()


def test_an_emergency_access_reads_but_never_enters(world):
    anne = world.users["other_therapist"]
    care_services.declare_emergency_access(
        course=world.course, by=anne, reason="Personen er innlagt akutt i natt."
    )
    client = world.client_for("other_therapist")
    assert client.get(series_url(world)).status_code == 200
    assert client.post(new_url(world, CIWA), form_data(CIWA, [0] * 10)).status_code == 403
    assert not ScaleEntry.objects.exists()


# --- append-only and "registrert ved en feil" ---


def make_entry(world, answers=None, taken_at=TAKEN):
    return services.record_entry(
        course=world.course,
        by=world.users["team_therapist"],
        instrument="ciwa_ar",
        answers=answers or [2] * 9 + [0],
        taken_at=taken_at,
    )


def test_an_entry_cannot_be_changed_or_deleted_through_the_orm(world):
    entry = make_entry(world)
    entry.note = "endret"
    with pytest.raises(Immutable):
        entry.save()
    with pytest.raises(Immutable):
        entry.delete()
    assert ScaleEntry.objects.get().note == ""


@pytest.mark.parametrize(
    "sql",
    ["UPDATE care_withdrawal_scaleentry SET total = 0", "DELETE FROM care_withdrawal_scaleentry"],
)
def test_an_entry_cannot_be_changed_or_deleted_with_raw_sql_or_a_bulk_update(world, sql):
    entry = make_entry(world)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
    with pytest.raises(DatabaseError), transaction.atomic():
        ScaleEntry.objects.filter(pk=entry.pk).update(total=1)
    assert ScaleEntry.objects.get().total == 18


def test_a_wrong_entry_is_marked_with_a_reason_kept_struck_through_and_left_out_of_the_chart(world, tor):
    wrong = make_entry(world, answers=[7] * 9 + [4], taken_at=TAKEN - timedelta(hours=1))
    right = make_entry(world, answers=[1] * 9 + [0])
    page = tor.get(f"{series_url(world)}{wrong.pk}/feil/")
    assert page.status_code == 200
    response = tor.post(f"{series_url(world)}{wrong.pk}/feil/", {"reason": "Registrert på feil person"})
    assert response.status_code == 302
    mark = EntryError.objects.get(entry=wrong)
    assert (mark.reason, mark.by) == ("Registrert på feil person", world.users["team_therapist"])
    assert ScaleEntry.objects.count() == 2  # kept
    html = tor.get(series_url(world)).content.decode()
    assert "Registrert ved en feil" in html and "Registrert på feil person" in html
    assert '<tr class="withdrawal-in-error">' in html and "<del>67</del>" in html
    start = html.index('<svg class="chart"')
    chart = html[start : html.index("</svg>", start)]
    assert chart.count("<circle") == 1 and ": 9 (" in chart and ": 67" not in chart
    assert services.latest_scores([world.course.pk])[world.course.pk]["ciwa_ar"].entry_id == right.pk
    row = AccessLog.objects.get(
        action=Action.CHANGE, object_type__endswith="scaleentry", object_id=str(wrong.pk)
    )
    assert row.person == world.nora and "feil person" in row.why


def test_marking_needs_a_reason_and_keeps_what_was_typed(world, tor):
    entry = make_entry(world)
    response = tor.post(f"{series_url(world)}{entry.pk}/feil/", {"reason": "feil"})
    assert response.status_code == 400
    assert response.context["form"]["reason"].value() == "feil"
    assert not EntryError.objects.exists()


def test_an_entry_is_marked_in_error_only_once_and_the_mark_is_immutable(world):
    entry = make_entry(world)
    by = world.users["team_doctor"]
    mark = services.mark_in_error(entry=entry, by=by, reason="Feil pasient")
    with pytest.raises(services.EntryRejected):
        services.mark_in_error(entry=ScaleEntry.objects.get(pk=entry.pk), by=by, reason="Feil igjen")
    with pytest.raises(Immutable):
        mark.delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        EntryError.objects.filter(pk=mark.pk).delete()


def test_another_therapist_cannot_mark_an_entry_in_error(world):
    entry = make_entry(world)
    with pytest.raises(PermissionDenied):
        services.mark_in_error(entry=entry, by=world.users["other_therapist"], reason="Jeg vil fjerne den")
    response = world.client_for("other_therapist").post(
        f"{series_url(world)}{entry.pk}/feil/", {"reason": "Jeg vil fjerne den"}
    )
    assert response.status_code == 403
    assert not EntryError.objects.exists()
