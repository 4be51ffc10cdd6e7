"""The consent dial: what a relative sees for each setting, revocation on the next request, the emails, and
the person's log."""

import pytest
from django.urls import reverse

from forlop.audit.models import AccessLog, ActorKind
from forlop.booking.tests.helpers import mails
from forlop.outbox.models import OutboxMessage
from forlop.relatives import services
from forlop.relatives.models import Consent, Dial

from .conftest import as_user, share

pytestmark = pytest.mark.django_db


def view(client, consent):
    return client.get(reverse("relatives:person", args=[consent.pk]))


def test_it_shows_a_relative_nothing_of_the_person_on_nothing(client, nora, ola):
    consent = share(nora, ola, Dial.NOTHING)
    response = view(as_user(client, ola), consent)
    page = response.content.decode()
    assert response.status_code == 200
    assert "deler ikke noe med deg her akkurat nå" in page
    assert "Kommende timer" not in page and "kl." not in page
    assert not AccessLog.objects.filter(person=nora, user=ola.user).exists()


def test_it_shows_only_upcoming_appointments_on_appointments(client, nora, ola):
    services.save_summary(person=nora, text="Det går bedre nå.", approve=True, by=nora.user)
    consent = share(nora, ola, Dial.APPOINTMENTS)
    page = view(as_user(client, ola), consent).content.decode()
    assert "Kommende timer" in page
    assert "tirsdag 3. mars" in page and "09.00" in page
    assert "Det går bedre nå." not in page
    assert "Jeg drikker for mye" not in page  # the note to the therapist is never shared
    assert "Tor Haugen" not in page


def test_it_shows_the_latest_approved_summary_and_appointments_on_summary(client, nora, ola):
    services.save_summary(person=nora, text="Første versjon.", approve=True, by=nora.user)
    services.save_summary(person=nora, text="Andre versjon, godkjent.", approve=True, by=nora.user)
    services.save_summary(person=nora, text="Et utkast ingen skal se.", approve=False, by=nora.user)
    consent = share(nora, ola, Dial.SUMMARY)
    page = view(as_user(client, ola), consent).content.decode()
    assert "Andre versjon, godkjent." in page
    assert "Første versjon." not in page and "Et utkast ingen skal se." not in page
    assert "Godkjent av Nora Nordmann 2. mars 2026" in page
    assert "Kommende timer" in page and "09.00" in page


def test_it_never_shows_a_draft_that_was_never_approved(client, nora, ola):
    services.save_summary(person=nora, text="Bare et utkast.", approve=False, by=nora.user)
    consent = share(nora, ola, Dial.SUMMARY)
    page = view(as_user(client, ola), consent).content.decode()
    assert "Bare et utkast." not in page
    assert "har ikke skrevet en oppsummering ennå" in page


@pytest.mark.parametrize("revoke", ["dial", "remove"])
def test_it_takes_revocation_into_account_on_the_next_request(client, nora, ola, revoke):
    consent = share(nora, ola, Dial.SUMMARY)
    services.save_summary(person=nora, text="Det går bedre nå.", approve=True, by=nora.user)
    as_user(client, ola)
    assert "Det går bedre nå." in view(client, consent).content.decode()
    nora_client = client.__class__()
    as_user(nora_client, nora)
    if revoke == "dial":
        response = nora_client.post(
            reverse("relatives:dial", args=[consent.pk]), {f"c{consent.pk}-dial": "nothing"}
        )
    else:
        response = nora_client.post(reverse("relatives:remove", args=[consent.pk]))
    assert response.status_code == 302
    after = view(client, consent)
    if revoke == "dial":
        assert after.status_code == 200
        assert "Det går bedre nå." not in after.content.decode() and "09.00" not in after.content.decode()
    else:
        assert after.status_code == 404
    # Every change by Nora is in the log, with Nora as subject.
    changes = AccessLog.objects.filter(person=nora, object_type="relatives.consent", user=nora.user)
    assert changes.count() == 3  # added, turned to summary, revoked


def test_every_read_by_a_relative_is_logged_with_the_person_as_subject(client, nora, ola):
    consent = share(nora, ola, Dial.SUMMARY)
    view(as_user(client, ola), consent)
    rows = AccessLog.objects.filter(person=nora, user=ola.user).order_by("object_type")
    assert [r.object_type for r in rows] == ["relatives.appointments", "relatives.summary"]
    assert {r.actor_kind for r in rows} == {ActorKind.SELF}


def test_the_persons_log_page_names_the_relative_and_what_they_read(client, nora, ola):
    consent = share(nora, ola, Dial.SUMMARY)
    view(as_user(client, ola), consent)
    client.logout()
    page = as_user(client, nora).get(reverse("minside:log")).content.decode()
    assert "Pårørende Ola Nordmann leste timene dine" in page
    assert "Pårørende Ola Nordmann leste oppsummeringen din til pårørende" in page
    assert "Du opprettet delingen din med pårørende" in page
    assert "ola@example.no" not in page


def test_only_the_person_in_a_course_can_add_a_relative(client, ola, per):
    as_user(client, per)
    response = client.post(
        reverse("relatives:add"), {"name": "Ola", "email": ola.email, "dial": "appointments"}
    )
    assert response.status_code == 400
    assert "når du er i et forløp hos oss" in response.content.decode()
    assert not Consent.objects.exists()


def test_adding_a_relative_with_an_account_emails_them_to_log_in_naming_nobody(client, nora, ola):
    ola.user.set_password("et-langt-passord-2026")
    ola.user.save()
    OutboxMessage.objects.all().delete()
    as_user(client, nora)
    response = client.post(
        reverse("relatives:add"), {"name": "Ola", "email": "OLA@example.no", "dial": "nothing"}
    )
    assert response.status_code == 302
    [message] = mails()
    assert message.to == ["ola@example.no"]
    assert message.template == "relatives_shared"
    text = message.subject + message.body_text + message.body_html
    assert "Nora" not in text and "alkohol" not in text.lower()
    assert "Noen ønsker å dele informasjon med deg via Forløp" in text
    assert reverse("relatives:home") in message.body_text


def test_adding_a_relative_without_an_account_invites_them(client, nora):
    OutboxMessage.objects.all().delete()
    as_user(client, nora)
    client.post(
        reverse("relatives:add"), {"name": "Lise Hansen", "email": "lise@example.no", "dial": "appointments"}
    )
    [message] = mails()
    assert message.template == "relatives_invitation"
    assert (
        "Nora" not in message.body_text and "Lise" not in message.body_text
    )  # no name: the person's own is empty
    assert "/parorende/invitasjon/" in message.body_text
    consent = Consent.objects.get()
    assert consent.relative.email == "lise@example.no" and consent.relative.user.is_client
    assert consent.relative.user.full_name == "Lise Hansen"


def test_a_person_cannot_turn_the_dial_of_someone_elses_relative(client, nora, ola, per):
    consent = share(nora, ola, Dial.APPOINTMENTS)
    as_user(client, per)
    response = client.post(reverse("relatives:dial", args=[consent.pk]), {f"c{consent.pk}-dial": "summary"})
    assert response.status_code == 404
    consent.refresh_from_db()
    assert consent.dial == Dial.APPOINTMENTS


def test_a_person_whose_course_has_closed_can_still_see_and_revoke_what_they_share(
    client, nora, ola, therapist
):
    from forlop.care import services as care
    from forlop.care.models import Course, Phase

    consent = share(nora, ola, Dial.APPOINTMENTS)
    course = Course.objects.get(person=nora)
    care.change_phase(
        course=course, to=Phase.AVSLUTTET, by=therapist, closing_summary="Avsluttet etter plan."
    )
    as_user(client, nora)
    page = client.get(reverse("relatives:consents")).content.decode()
    assert "Ola Nordmann" in page and "Legg til en pårørende" not in page
    response = client.post(reverse("relatives:remove", args=[consent.pk]))
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.ended_at is not None and consent.dial == Dial.NOTHING


def test_each_relatives_dial_is_labelled_with_their_name_for_screen_readers(client, nora, ola):
    share(nora, ola, Dial.APPOINTMENTS)
    page = as_user(client, nora).get(reverse("relatives:consents")).content.decode()
    assert "<legend>Hva kan Ola Nordmann se?" in page
