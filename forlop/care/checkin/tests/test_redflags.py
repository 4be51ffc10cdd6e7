"""Red flags, table-driven: each answer that should raise one shows the help-now ladder at once, with 113 and
116 117 first in an alert, tells the person what to do, and flags the therapist on the caseload."""

from datetime import date

import pytest
from django.urls import reverse

from forlop.care.checkin import redflags, services
from forlop.care.checkin.models import CheckIn
from forlop.care.checkin.redflags import Answers
from forlop.care.flags import Severity

from .conftest import approve_taper, form_data

TODAY = date(2026, 3, 2)  # NOW in the shared world is 2 March 2026 08:00 Oslo


@pytest.mark.parametrize(
    ("given", "keys"),
    [
        (Answers(), []),
        (
            Answers(craving=10, used=True, substances=("alkohol",), amount="mye"),
            [],
        ),  # no taper: not a red flag
        (Answers(suicide_thoughts=True), ["suicide_thoughts"]),
        (Answers(seizure=True), ["seizure"]),
        (Answers(taper=True, withdrawal="sterk", symptoms=("forvirring",)), ["confusion"]),
        (Answers(taper=True, withdrawal="sterk", symptoms=("hallusinasjoner", "svetting")), ["confusion"]),
        (Answers(taper=True, withdrawal="lett", symptoms=("forvirring",)), ["confusion"]),  # triage row 1
        (Answers(taper=True, withdrawal="sterk", symptoms=("skjelving", "svetting")), []),
        # large use during a taper: the tapered substance, a risky one, or "mye"
        (
            Answers(
                taper=True, taper_substances=("benzodiazepiner",), used=True, substances=("benzodiazepiner",)
            ),
            ["large_use_taper"],
        ),
        (
            Answers(
                taper=True, taper_substances=("opioider",), used=True, substances=("alkohol",), amount="litt"
            ),
            ["large_use_taper"],
        ),
        (
            Answers(
                taper=True, taper_substances=("alkohol",), used=True, substances=("cannabis",), amount="mye"
            ),
            ["large_use_taper"],
        ),
        (
            Answers(
                taper=True, taper_substances=("alkohol",), used=True, substances=("cannabis",), amount="litt"
            ),
            [],
        ),
        # several at once: most serious first
        (
            Answers(
                suicide_thoughts=True,
                seizure=True,
                taper=True,
                taper_substances=("alkohol",),
                used=True,
                substances=("alkohol",),
            ),
            ["suicide_thoughts", "seizure", "large_use_taper"],
        ),
    ],
)
def test_the_table_decides_which_answers_are_red_flags(given, keys):
    assert [rule.key for rule in redflags.evaluate(given)] == keys


def test_suicide_thoughts_seizure_and_confusion_are_urgent_and_follow_the_triage_advice():
    for key in ("suicide_thoughts", "seizure", "confusion"):
        rule = redflags.BY_KEY[key]
        assert rule.severity == Severity.URGENT
        assert "113" in str(rule.advice)
    assert "116 117" in str(redflags.BY_KEY["suicide_thoughts"].advice)
    # seizure or confusion in withdrawal = 113, now (triage.md row 1)
    assert "Ring 113 nå" in str(redflags.BY_KEY["seizure"].advice)
    assert "Ring 113 nå" in str(redflags.BY_KEY["confusion"].advice)
    assert redflags.BY_KEY["large_use_taper"].severity == Severity.WARNING


CASES = [
    # (name, form changes, needs a taper, expected flag kind, severity)
    ("suicide", {"suicide_thoughts": True}, False, "checkin_suicide_thoughts", Severity.URGENT),
    ("seizure", {"seizure": True}, False, "checkin_seizure", Severity.URGENT),
    (
        "confusion",
        {"dose": "ja", "withdrawal": "sterk", "symptoms": ["forvirring", "skjelving"]},
        True,
        "checkin_confusion",
        Severity.URGENT,
    ),
    (
        "large_use",
        {"dose": "delvis", "withdrawal": "lett", "used": True, "substances": ["alkohol"], "amount": "mye"},
        True,
        "checkin_large_use_taper",
        Severity.WARNING,
    ),
]


@pytest.mark.parametrize(("name", "changes", "taper", "kind", "severity"), CASES, ids=[c[0] for c in CASES])
def test_a_red_flag_shows_the_ladder_at_once_and_flags_the_therapist(
    world, name, changes, taper, kind, severity
):
    if taper:
        approve_taper(world.course, world.users["team_doctor"], first=TODAY)
    nora = world.client_for("the_person")
    response = nora.post(reverse("care_checkin:mine"), form_data(TODAY, **changes), follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    # the acute numbers first, announced at once, then the ladder
    alert = page.index('role="alert"')
    assert alert < page.index("113") < page.index("help-now-ladder")
    assert "116 117" in page[alert : page.index("help-now-ladder")]
    rule = redflags.BY_KEY[kind.removeprefix("checkin_")]
    assert str(rule.advice)[:40] in page
    # the therapist's caseload flag, saying why
    flags = services.flags_for([world.course.pk], now=world_now())[world.course.pk]
    fired = [f for f in flags if f.kind == kind]
    assert len(fired) == 1
    assert fired[0].severity == severity
    assert "i dag" in fired[0].why
    # and the staff page shows it
    staff = world.client_for("team_therapist").get(
        reverse("care_checkin:staff", kwargs={"course_pk": world.course.pk})
    )
    assert str(rule.label) in staff.content.decode()


def world_now():
    from django.utils import timezone

    return timezone.now()


def test_a_calm_check_in_shows_no_alert_and_no_flag(world):
    nora = world.client_for("the_person")
    page = nora.post(reverse("care_checkin:mine"), form_data(TODAY), follow=True).content.decode()
    assert 'role="alert"' not in page
    assert "Takk, innsjekken er lagret" in page
    assert "help-now-ladder" in page  # the ordinary ladder is always there, quietly
    assert services.flags_for([world.course.pk], now=world_now())[world.course.pk] == []


def test_the_flag_leaves_the_caseload_when_the_therapist_has_seen_it_and_comes_back_on_a_new_red_answer(
    world,
):
    nora = world.client_for("the_person")
    nora.post(reverse("care_checkin:mine"), form_data(TODAY, seizure=True))
    checkin = CheckIn.objects.get(course=world.course, day=TODAY)
    tor = world.client_for("team_therapist")
    url = reverse("care_checkin:mark_seen", kwargs={"course_pk": world.course.pk})
    assert tor.post(url, {"checkin": checkin.pk}).status_code == 302
    assert services.flags_for([world.course.pk], now=world_now())[world.course.pk] == []
    # Nora corrects the day and adds suicide thoughts: the flag is back
    nora.post(reverse("care_checkin:mine"), form_data(TODAY, seizure=True, suicide_thoughts=True))
    kinds = {f.kind for f in services.flags_for([world.course.pk], now=world_now())[world.course.pk]}
    assert kinds == {"checkin_suicide_thoughts", "checkin_seizure"}


def test_only_a_therapist_or_doctor_on_the_team_may_mark_a_check_in_seen(world):
    world.client_for("the_person").post(reverse("care_checkin:mine"), form_data(TODAY, seizure=True))
    checkin = CheckIn.objects.get(course=world.course, day=TODAY)
    url = reverse("care_checkin:mark_seen", kwargs={"course_pk": world.course.pk})
    for persona in ("coordinator", "other_therapist", "other_doctor"):
        assert world.client_for(persona).post(url, {"checkin": checkin.pk}).status_code == 403
    checkin.refresh_from_db()
    assert checkin.attention


def test_confusion_ticked_with_withdrawal_none_still_flags(world):
    from .conftest import answers

    approve_taper(world.course, world.users["team_doctor"], first=TODAY)
    saved = services.save_checkin(
        by=world.users["the_person"],
        course=world.course,
        day=TODAY,
        answers=answers(dose="ja", withdrawal="ingen", symptoms=["hallusinasjoner"]),
    )
    assert saved.red_flags == ["confusion"]


def test_the_ladder_offers_the_craving_exercise_and_a_message_to_the_therapist(world):
    nora = world.client_for("the_person")
    page = nora.post(
        reverse("care_checkin:mine"), form_data(TODAY, seizure=True), follow=True
    ).content.decode()
    assert reverse("care_modules:craving_exercise") in page
    assert reverse("care_messaging:mine_new") in page
