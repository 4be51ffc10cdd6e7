"""Who has read my data, for the treatment course: every kind of thing in the care apps and the relatives app
has its own words ("journalnotatene dine", "nedtrappingsplanen din" …), a read under emergency access is
marked as such with the reason given, and a relative's read is the relative's."""

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from forlop.accounts.testing import login_verified
from forlop.audit.models import AccessLog, Action
from forlop.care import services as care_services
from forlop.care.journal import services as journal
from forlop.care.tests import conftest as care_conftest
from forlop.conftest import make_user
from forlop.minside.log import describe
from forlop.people.models import Person
from forlop.relatives import services as relatives
from forlop.relatives.models import Dial

pytestmark = pytest.mark.django_db

people = care_conftest.people
world = care_conftest.world

# Every app whose rows can appear in a person's access log since issues 13 and 14.
CARE_APPS = [
    "care",
    "care_assessment",
    "care_withdrawal",
    "care_tapering",
    "care_plan",
    "care_journal",
    "care_checkin",
    "care_modules",
    "care_measures",
    "care_relapse",
    "care_messaging",
    "relatives",
]
# What is logged without being a model (forlop.relatives.services: what a relative was shown).
NOT_MODELS = [relatives.READ_APPOINTMENTS, relatives.READ_SUMMARY]
FALLBACK = "opplysningene dine"


def sentence(object_type: str, person: Person) -> str:
    entry = AccessLog(at=timezone.now(), action=Action.VIEW, object_type=object_type, why="")
    return describe(entry, person=person, now=timezone.now()).text


def test_every_model_of_the_care_and_relatives_apps_has_its_own_words(people):
    labels = [m._meta.label_lower for app in CARE_APPS for m in apps.get_app_config(app).get_models()]
    assert len(labels) > 30
    missing = [label for label in [*labels, *NOT_MODELS] if sentence(label, people.nora).endswith(FALLBACK)]
    assert missing == []


@pytest.mark.parametrize(
    ("object_type", "words"),
    [
        ("care_journal.journalnote", "Systemet åpnet journalnotatene dine"),
        ("care_tapering.planversion", "Systemet åpnet nedtrappingsplanen din"),
        ("care_relapse.planversion", "Systemet åpnet tilbakefallsplanen din"),
        ("care_messaging.message", "Systemet åpnet meldingene dine"),
        ("care_withdrawal.scaleentry", "Systemet åpnet abstinensmålingene dine"),
        ("care.course", "Systemet åpnet behandlingsforløpet ditt"),
    ],
)
def test_a_read_says_in_plain_words_what_was_read(people, object_type, words):
    assert sentence(object_type, people.nora) == words


def test_a_read_under_emergency_access_is_marked_with_the_reason_given(client, world):
    per = world.users["other_doctor"]
    per.full_name = "Per Vakt"
    per.save(update_fields=["full_name"])
    tor = world.users["team_therapist"]
    note = journal.write_note(
        course=world.course, by=tor, text="Notat", consulted_on=world.course.started_at.date()
    )
    journal.sign_note(note=note, by=tor)
    care_services.declare_emergency_access(course=world.course, by=per, reason="Bevisstløs på legevakten")
    login_verified(client, per)
    assert client.get(reverse("care_journal:notes", kwargs={"course_pk": world.course.pk})).status_code == 200

    nora = client.__class__()
    login_verified(nora, world.nora.user)
    page = nora.get(reverse("minside:log")).content.decode()
    marked = "<strong>Akuttilgang: Bevisstløs på legevakten</strong><br>"
    assert f"{marked}Per Vakt, lege, åpnet journalnotatene dine med akuttilgang" in page
    assert f"{marked}Per Vakt, lege, tok akuttilgang til journalen din" in page  # the declaration
    assert "formål: Akuttilgang" not in page
    # A read by the team is not marked.
    login_verified(client, tor)
    client.get(reverse("care_journal:notes", kwargs={"course_pk": world.course.pk}))
    page = nora.get(reverse("minside:log")).content.decode()
    assert "Tor Haugen, terapeut, åpnet journalnotatene dine" in page
    assert "Tor Haugen, terapeut, åpnet journalnotatene dine med akuttilgang" not in page
    download = nora.get(reverse("minside:export_json")).json()["access_log"]
    marked = [row for row in download if row["emergency"]]
    assert marked and all(row["why"] == "Bevisstløs på legevakten" for row in marked)


def test_a_relative_s_read_is_told_as_the_relative_s(client, world):
    nora = world.nora
    user = make_user("olav@example.no", is_client=True)
    user.full_name = "Olav Nordmann"
    user.save(update_fields=["full_name"])
    olav = Person.objects.create(email=user.email, name="Olav Nordmann", user=user, created_at=timezone.now())
    consent = relatives.add_relative(
        person=nora, name="Olav", email=olav.email, dial=Dial.SUMMARY, by=nora.user
    )
    relatives.save_summary(person=nora, text="Det går bedre", approve=True, by=nora.user)
    login_verified(client, user)
    shown = client.get(reverse("relatives:person", kwargs={"pk": consent.pk})).content.decode()
    assert "Det går bedre" in shown
    client.logout()

    login_verified(client, nora.user)
    page = client.get(reverse("minside:log")).content.decode()
    assert "Pårørende Olav Nordmann leste oppsummeringen din til pårørende" in page
    assert "Pårørende Olav Nordmann leste timene dine" in page
