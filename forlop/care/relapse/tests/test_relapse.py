"""The relapse-prevention plan: written by the team in session, versioned, partly the person's own to keep
current, shown on Min side with the help-now ladder, and one tap from every Min side page."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from forlop.accounts.testing import login_verified
from forlop.audit.models import AccessLog
from forlop.care import services as care
from forlop.care.models import Phase
from forlop.care.relapse import services
from forlop.care.relapse.models import Contact, PlanVersion

from .conftest import START


def staff_url(course, name="care_relapse:staff"):
    return reverse(name, kwargs={"course_pk": course.pk})


def write(course, by, *, based_on=None, **overrides):
    fields = {
        "warning_signs": "Jeg slutter å svare på meldinger.",
        "triggers": "Fredager etter jobb.",
        "actions": "Går en tur og ringer Kari.",
        "contacts": [Contact("Kari", "900 00 000")],
        "reasons": "Jeg vil være der for datteren min.",
    } | overrides
    return services.save_plan(course=course, by=by, based_on=based_on, **fields)


def form_data(**overrides):
    data = {
        "warning_signs": "Sover dårlig",
        "triggers": "Lønningsdag",
        "actions": "Ringer Kari",
        "reasons": "Barna",
        "name_0": "Kari",
        "phone_0": "+47 900 00 000",
    }
    return data | overrides


# --- versioning --------------------------------------------------------------------------------------------


def test_it_keeps_every_save_as_a_new_version_with_who_and_when(course, therapist, doctor):
    first = write(course, therapist)
    second = write(course, doctor, based_on=1, reasons="Jobben min.")
    assert (first.number, first.by, second.number, second.by) == (1, therapist, 2, doctor)
    assert services.latest_version(services.plan_for(course)).reasons == "Jobben min."
    assert PlanVersion.objects.get(number=1).reasons == "Jeg vil være der for datteren min."


def test_it_refuses_a_save_based_on_an_older_version(course, therapist, doctor):
    write(course, therapist)
    write(course, doctor, based_on=1)
    with pytest.raises(services.RelapsePlanError, match="endret siden du åpnet"):
        write(course, therapist, based_on=1)
    assert PlanVersion.objects.count() == 2


def test_a_saved_version_cannot_be_changed_or_deleted(course, therapist):
    version = write(course, therapist)
    version.reasons = "annet"
    with pytest.raises(ValueError):
        version.save()
    with pytest.raises(ValueError):
        version.delete()


def test_only_the_therapist_or_doctor_on_the_team_may_write(course, coordinator, other_therapist):
    for user in (coordinator, other_therapist):
        with pytest.raises(PermissionDenied):
            write(course, user)


def test_it_refuses_a_phone_number_that_is_not_one(course, therapist):
    with pytest.raises(services.RelapsePlanError, match="telefonnummer"):
        write(course, therapist, contacts=[Contact("Kari", "ring meg")])


def test_the_person_may_change_people_and_reasons_and_the_rest_is_kept(course, therapist, person):
    write(course, therapist)
    version = services.save_own_part(
        course=course,
        by=person.user,
        contacts=[Contact("Per", "41 00 00 00")],
        reasons="For meg selv.",
        based_on=1,
    )
    assert version.by_person and version.number == 2
    assert version.triggers == "Fredager etter jobb."
    assert version.contact_list == [Contact("Per", "41 00 00 00")]


def test_the_person_cannot_start_the_plan_alone(course, person):
    with pytest.raises(services.RelapsePlanError):
        services.save_own_part(course=course, by=person.user, contacts=[], reasons="x", based_on=None)


def test_another_client_cannot_change_the_persons_plan(course, therapist, other_person):
    write(course, therapist)
    with pytest.raises(PermissionDenied):
        services.save_own_part(course=course, by=other_person.user, contacts=[], reasons="x", based_on=1)


# --- staff pages -------------------------------------------------------------------------------------------


def test_the_therapist_writes_the_plan_on_the_course_page(client, course, therapist):
    login_verified(client, therapist)
    response = client.post(staff_url(course, "care_relapse:staff_save"), form_data())
    assert response.status_code == 302
    html = client.get(staff_url(course)).content.decode()
    assert "Lønningsdag" in html and 'href="tel:+4790000000"' in html
    assert "Versjon 1" in html
    assert AccessLog.objects.filter(
        person=course.person, user=therapist, why__contains="tilbakefallsplan"
    ).exists()


def test_a_stale_form_is_shown_again_with_the_text_kept(client, course, therapist, doctor):
    write(course, doctor)
    write(course, doctor, based_on=1)
    login_verified(client, therapist)
    response = client.post(
        staff_url(course, "care_relapse:staff_save"), form_data(based_on="1", triggers="Min nye tekst")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Min nye tekst" in html and "endret siden du åpnet" in html


def test_the_coordinator_reads_but_cannot_write(client, course, coordinator, therapist):
    write(course, therapist)
    login_verified(client, coordinator)
    response = client.get(staff_url(course))
    assert response.status_code == 200 and "Lagre ny versjon" not in response.content.decode()
    assert client.post(staff_url(course, "care_relapse:staff_save"), form_data()).status_code == 403


def test_a_therapist_not_on_the_team_is_refused(client, course, other_therapist, therapist):
    write(course, therapist)
    response = login_verified(client, other_therapist).get(staff_url(course))
    assert response.status_code == 403
    assert "Fredager etter jobb" not in response.content.decode()


# --- Min side ----------------------------------------------------------------------------------------------


def test_the_person_sees_the_latest_version_and_the_ladder(client, course, therapist, person):
    write(course, therapist)
    write(course, therapist, based_on=1, actions="Drikker et glass vann og venter.")
    html = login_verified(client, person.user).get(reverse("care_relapse:mine")).content.decode()
    assert "Drikker et glass vann og venter." in html
    assert "Går en tur og ringer Kari." not in html
    assert 'href="tel:90000000"' in html
    assert "Hjelp nå" in html and "113" in html
    assert reverse("care_messaging:mine_new") in html
    assert AccessLog.objects.filter(
        person=person, object_type="care_relapse.planversion", why__contains="tilbakefallsplan"
    ).exists()


def test_the_person_edits_their_reasons_on_min_side(client, course, therapist, person):
    write(course, therapist)
    login_verified(client, person.user)
    response = client.post(
        reverse("care_relapse:mine_save"),
        {"based_on": "1", "reasons": "Fordi jeg vil.", "name_0": "Per", "phone_0": "41000000"},
    )
    assert response.status_code == 302
    latest = services.latest_version(services.plan_for(course))
    assert latest.by_person and latest.reasons == "Fordi jeg vil." and latest.warning_signs


def test_a_person_without_a_course_gets_the_ladder_and_a_kind_note(client, other_person):
    response = login_verified(client, other_person.user).get(reverse("care_relapse:mine"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hjelp nå" in html and "Det er helt i orden" in html
    assert AccessLog.objects.filter(person=other_person).exists()


def test_another_client_never_sees_the_plan(client, course, therapist, other_person):
    write(course, therapist)
    html = login_verified(client, other_person.user).get(reverse("care_relapse:mine")).content.decode()
    assert "Fredager etter jobb" not in html


def test_staff_cannot_open_the_persons_page(course, therapist):
    assert login_verified(Client(), therapist).get(reverse("care_relapse:mine")).status_code == 403


def test_a_closed_course_shows_the_plan_without_the_edit_form(client, course, therapist, person, coordinator):
    write(course, therapist)
    care.change_phase(course=course, to=Phase.AVSLUTTET, by=therapist, now=START, closing_summary="Ferdig")
    html = login_verified(client, person.user).get(reverse("care_relapse:mine")).content.decode()
    assert "Fredager etter jobb" in html
    assert reverse("care_relapse:mine_save") not in html
