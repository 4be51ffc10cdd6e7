"""Min side: talking with children about a parent's substance use. Pushed on the hub when the course's
assessment records children under 18; otherwise still there, but quiet. Only the person's own page."""

import pytest
from django.urls import reverse

from forlop.accounts.testing import login_verified
from forlop.audit.models import AccessLog, ActorKind
from forlop.care.assessment import services as assessment
from forlop.care.models import Course

from .conftest import as_user

CHILDREN = reverse("relatives:craft:children")
HUB = reverse("care_plan:mine")


def record_children(nora, therapist, count):
    course = Course.objects.open().get(person=nora)
    return assessment.save_assessment(
        course=course, by=therapist, data={"children_count": count}, substances={}
    )


def test_a_person_with_children_under_18_gets_the_material_for_each_age(client, nora, therapist):
    record_children(nora, therapist, 2)
    as_user(client, nora)
    response = client.get(CHILDREN)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Du har fortalt oss at du har barn under 18 år." in page
    for title in ("Barn under 6 år", "Barn fra 6 til 12 år", "Tenåringer", "Hvor barn og unge kan få hjelp"):
        assert title in page
    assert "116 111" in page and "Helsesykepleieren" in page
    assert "http" not in page.split("<main", 1)[-1].split("</main>", 1)[0].replace('href="tel:', "")


def test_the_hub_pushes_the_page_only_when_there_are_children(client, nora, therapist):
    as_user(client, nora)
    quiet = client.get(HUB).content.decode()
    assert CHILDREN in quiet and "Barna dine" not in quiet
    record_children(nora, therapist, 1)
    pushed = client.get(HUB).content.decode()
    assert "Barna dine" in pushed and CHILDREN in pushed


def test_without_children_recorded_the_page_is_there_but_says_nothing_about_the_person(client, nora):
    as_user(client, nora)
    page = client.get(CHILDREN).content.decode()
    assert "Du har fortalt oss" not in page
    assert "Barn under 6 år" in page


def test_someone_without_a_course_gets_the_page_not_an_error(client, kari):
    as_user(client, kari)
    assert client.get(CHILDREN).status_code == 200


@pytest.mark.parametrize("who", ["anonymous", "therapist"])
def test_it_is_only_for_the_person(client, nora, therapist, who):
    if who == "therapist":
        login_verified(client, therapist)
        assert client.get(CHILDREN).status_code == 403
    else:
        response = client.get(CHILDREN)
        assert response.status_code == 302 and "next=" in response["Location"]


def test_reading_the_page_is_logged_as_the_persons_own_read_of_the_assessment(client, nora, therapist):
    record = record_children(nora, therapist, 2)
    as_user(client, nora)
    client.get(CHILDREN)
    row = AccessLog.objects.get(
        object_type="care_assessment.assessment", object_id=str(record.pk), action="view"
    )
    assert row.person == nora and row.actor_kind == ActorKind.SELF


def test_the_staff_course_page_shows_the_section_10a_tasks_until_all_three_are_ticked(
    client, nora, therapist
):
    record_children(nora, therapist, 2)
    course = Course.objects.open().get(person=nora)
    url = reverse("care:course", kwargs={"course_pk": course.pk})
    login_verified(client, therapist)
    assert "Barn som pårørende: oppgaver gjenstår" in client.get(url).content.decode()
    ticks = {"children_count": 2, "children_needs": True, "children_info": True}
    assessment.save_assessment(course=course, by=therapist, data=ticks, substances={})
    assert "Barn som pårørende: oppgaver gjenstår" in client.get(url).content.decode()
    ticks["children_followup"] = True
    assessment.save_assessment(course=course, by=therapist, data=ticks, substances={})
    assert "Barn som pårørende: oppgaver gjenstår" not in client.get(url).content.decode()
