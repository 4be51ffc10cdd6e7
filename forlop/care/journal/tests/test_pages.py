"""The journal as the team, others on staff and the person meet it."""

from datetime import date

from django.urls import reverse

from forlop.audit.models import AccessLog, ActorKind
from forlop.booking.models import Booking
from forlop.care import services as care_services
from forlop.care.journal import services
from forlop.care.journal.models import Amendment, JournalNote, Withholding, WithholdingGround
from forlop.care.tests.conftest import NAME

from .conftest import SECRET, draft, signed

MINE = "/min-side/forlop/journal/"


def url(w, name: str = "notes", note: JournalNote | None = None) -> str:
    kwargs = {"course_pk": w.course.pk}
    if note is not None:
        kwargs["note_pk"] = note.pk
    return reverse(f"care_journal:{name}", kwargs=kwargs)


def test_the_urls_are_where_the_course_and_min_side_expect_them(world):
    assert url(world) == f"/ansatt/forlop/{world.course.pk}/journal/"
    assert reverse("care_journal:mine") == MINE


def test_a_team_therapist_writes_a_draft_signs_it_and_it_shows_who_and_when(world, tor):
    Booking.objects.filter(pk=world.booking.pk).update(status=Booking.Status.HELD_DONE)
    page = tor.get(url(world))
    assert page.status_code == 200
    assert 'name="text"' in page.content.decode()
    response = tor.post(
        url(world), {"consulted_on": "2026-03-03", "booking": world.booking.pk, "text": SECRET}
    )
    assert response.status_code == 302
    [note] = JournalNote.objects.all()
    assert (note.author, note.booking_id, note.consulted_on, note.text) == (
        world.users["team_therapist"],
        world.booking.pk,
        date(2026, 3, 3),
        SECRET,
    )
    body = tor.get(url(world)).content.decode()
    assert "Utkast, ikke signert" in body and SECRET in body
    assert tor.post(url(world, "sign", note)).status_code == 302
    note.refresh_from_db()
    assert note.is_signed
    body = tor.get(url(world)).content.decode()
    assert "Signert av Tor Haugen" in body
    assert url(world, "edit", note) not in body and url(world, "amend", note) in body
    # Every read is logged with Nora as subject; the log never holds the text.
    rows = AccessLog.objects.filter(object_type="care_journal.journalnote", object_id=str(note.pk))
    assert rows.filter(action="view", person=world.nora).exists()
    assert rows.filter(action="create", person=world.nora).exists()
    assert not AccessLog.objects.filter(why__icontains="søvn").exists()


def test_it_keeps_what_was_typed_when_the_note_is_refused(world, tor):
    response = tor.post(url(world), {"consulted_on": "ikke en dato", "text": "Halvferdig tekst om Nora"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Skriv en gyldig dato." in body
    assert "Halvferdig tekst om Nora</textarea>" in body
    response = tor.post(url(world), {"consulted_on": "2026-03-02", "text": "  "})
    assert response.status_code == 400 and "Skriv notatet." in response.content.decode()
    assert not JournalNote.objects.exists()


def test_only_the_author_may_change_or_sign_a_draft(world, tor):
    note = draft(world)
    lise = world.client_for("team_doctor")
    response = lise.get(url(world, "edit", note))
    assert response.status_code == 302
    assert (
        lise.post(url(world, "edit", note), {"consulted_on": "2026-03-02", "text": "Lise endrer"}).status_code
        == 403
    )
    assert lise.post(url(world, "sign", note)).status_code == 403
    note.refresh_from_db()
    assert note.text == SECRET and not note.is_signed
    assert tor.get(url(world, "edit", note)).status_code == 200
    response = tor.post(
        url(world, "edit", note), {"consulted_on": "2026-03-02", "text": "Tor retter utkastet"}
    )
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.text == "Tor retter utkastet"


def test_a_signed_note_cannot_be_edited_through_the_page(world, tor):
    note = signed(world)
    response = tor.post(url(world, "edit", note), {"consulted_on": "2026-03-02", "text": "Etterpå"})
    assert response.status_code == 400
    assert "Skriv et tillegg i stedet" in response.content.decode()
    assert JournalNote.objects.get(pk=note.pk).text == SECRET


def test_an_amendment_keeps_the_original_and_shows_under_it(world):
    note = signed(world)
    lise = world.client_for("team_doctor")
    response = lise.post(url(world, "amend", note), {"text": "Dosen var 10 mg.", "reason": "Feil"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "minst 10 tegn" in body and "Dosen var 10 mg.</textarea>" in body
    response = lise.post(
        url(world, "amend", note), {"text": "Dosen var 10 mg.", "reason": "Feil dose i notatet"}
    )
    assert response.status_code == 302
    [amendment] = Amendment.objects.all()
    assert amendment.author == world.users["team_doctor"]
    body = lise.get(url(world)).content.decode()
    assert body.index(SECRET) < body.index("Dosen var 10 mg.")
    assert "Feil dose i notatet" in body
    assert JournalNote.objects.get(pk=note.pk).text == SECRET


def test_outside_staff_see_nothing_and_emergency_access_only_reads(world):
    note = signed(world)
    anne = world.client_for("other_therapist")
    response = anne.get(url(world))
    assert response.status_code == 403 and NAME not in response.content.decode()
    assert anne.post(url(world), {"consulted_on": "2026-03-02", "text": "Anne skriver"}).status_code == 403
    assert anne.get(url(world, "amend", note)).status_code == 403
    care_services.declare_emergency_access(
        course=world.course, by=world.users["other_therapist"], reason="Nora ringte i krise, Tor er borte"
    )
    page = anne.get(url(world))
    assert page.status_code == 200
    body = page.content.decode()
    assert SECRET in body and 'name="text"' not in body and url(world, "amend", note) not in body
    assert anne.post(url(world), {"consulted_on": "2026-03-02", "text": "Anne skriver"}).status_code == 403
    assert (
        anne.post(url(world, "withhold", note), {"ground": "danger", "explanation": "x" * 20}).status_code
        == 403
    )
    assert AccessLog.objects.filter(
        user=world.users["other_therapist"], person=world.nora, why__startswith="Akuttilgang"
    ).exists()
    assert JournalNote.objects.count() == 1 and not Withholding.objects.exists()


def test_the_coordinator_on_the_team_reads_but_does_not_write(world):
    signed(world)
    kari = world.client_for("coordinator")
    body = kari.get(url(world)).content.decode()
    assert SECRET in body and 'name="text"' not in body
    assert kari.post(url(world), {"consulted_on": "2026-03-02", "text": "Kari skriver"}).status_code == 403


def test_withholding_needs_a_ground_and_a_reason_and_is_logged(world, tor):
    note = signed(world)
    response = tor.post(url(world, "withhold", note), {"explanation": "Kort"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Velg hjemmelen" in body and "Kort</textarea>" in body
    assert not Withholding.objects.exists()
    explanation = "Nora er i en akutt fase; innsyn nå kan utløse selvskading."
    response = tor.post(url(world, "withhold", note), {"ground": "danger", "explanation": explanation})
    assert response.status_code == 302
    [withholding] = Withholding.objects.all()
    assert (withholding.ground, withholding.explanation) == (WithholdingGround.DANGER, explanation)
    assert AccessLog.objects.filter(
        action="change", person=world.nora, why__contains="§ 5-1", user=world.users["team_therapist"]
    ).exists()
    body = tor.get(url(world)).content.decode()
    assert "Holdt tilbake for pasienten" in body and explanation in body
    assert tor.post(url(world, "lift", note)).status_code == 302
    assert Withholding.objects.get().lifted_at is not None
    assert AccessLog.objects.filter(
        why="Opphevet tilbakeholdelse av journalnotat", person=world.nora
    ).exists()


def test_the_person_reads_signed_notes_but_not_drafts_and_sees_that_one_is_withheld(world):
    shown = signed(world, "Vi snakket om søvn og hvordan kveldene går.")
    services.amend_note(
        note=shown,
        by=world.users["team_therapist"],
        text="Nora sover nå bedre.",
        reason="Ny opplysning i ettertid",
    )
    draft(world, "Utkast som ikke er ferdig")
    held = services.sign_note(note=draft(world, "Notat som holdes tilbake"), by=world.users["team_therapist"])
    services.withhold_note(
        note=held,
        by=world.users["team_therapist"],
        ground=WithholdingGround.CLOSE_PERSONS,
        explanation="Notatet gjengir det søsteren fortalte i fortrolighet.",
    )
    nora = world.client_for("the_person")
    response = nora.get(MINE)
    assert response.status_code == 200
    body = response.content.decode()
    assert (
        "Vi snakket om søvn" in body and "Nora sover nå bedre." in body and "Ny opplysning i ettertid" in body
    )
    assert "Skrevet og signert av Tor Haugen" in body
    assert "Utkast som ikke er ferdig" not in body
    assert "Notat som holdes tilbake" not in body and "søsteren" not in body
    assert "Dette notatet er holdt tilbake" in body and "statsforvalteren" in body
    assert "Notat fra 2. mars 2026" in body
    rows = AccessLog.objects.filter(actor_kind=ActorKind.SELF, person=world.nora)
    assert rows.filter(object_type="care_journal.journalnote", object_id=str(shown.pk)).exists()
    assert not rows.filter(object_type="care_journal.journalnote", object_id=str(held.pk)).exists()


def test_another_client_and_staff_never_see_the_persons_journal(world):
    signed(world)
    ola = world.client_for("another_client")
    response = ola.get(MINE)
    assert response.status_code == 200 and SECRET not in response.content.decode()
    assert world.client_for("team_therapist").get(MINE).status_code == 403
    assert world.client_for("anonymous").get(MINE).status_code == 302


def test_the_staff_page_reads_in_a_fixed_number_of_queries(world, tor, django_assert_max_num_queries):
    for _ in range(3):
        note = signed(world)
        services.amend_note(
            note=note, by=world.users["team_doctor"], text="Tillegg", reason="Utfyllende opplysning"
        )
    tor.get(url(world))
    with django_assert_max_num_queries(40) as few:
        tor.get(url(world))
    for _ in range(6):
        note = signed(world)
        services.amend_note(
            note=note, by=world.users["team_doctor"], text="Tillegg", reason="Utfyllende opplysning"
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        tor.get(url(world))
