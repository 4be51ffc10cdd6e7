"""Emergency access (akuttilgang) end to end: a therapist outside Nora's team is refused without learning whose
course it is, declares why she needs it, reads the course, and every read says "Akuttilgang" with Nora as
the person. The admin sees it on the review list and marks it reviewed; Nora sees the reads in Min side. An
emergency access only ever reads."""

from datetime import timedelta

import pytest
from django.urls import reverse

from forlop.accounts.testing import login_verified
from forlop.audit.models import AccessLog, Action
from forlop.booking.tests.conftest import NOW
from forlop.care import services
from forlop.care.models import Course, EmergencyAccess, Phase, TeamRole

from .conftest import NAME, OTHER_NAME

REASON = "Hun er lagt inn akutt i natt, og vakthavende lege spør om legemidler."


def course_url(world, name: str = "care:course") -> str:
    return reverse(name, kwargs={"course_pk": world.course.pk})


def test_an_outside_therapist_is_refused_without_the_person_s_name_and_offered_emergency_access(world):
    anne = world.client_for("other_therapist")
    response = anne.get(course_url(world))
    assert response.status_code == 403
    body = response.content.decode()
    assert NAME not in body and "Nora" not in body
    assert "Du er ikke på teamet for dette forløpet" in body
    assert course_url(world, "care:emergency") in body
    assert not AccessLog.objects.filter(person=world.nora, user=world.users["other_therapist"]).exists()
    form = anne.get(course_url(world, "care:emergency") + "?next=" + course_url(world))
    assert form.status_code == 200
    assert NAME not in form.content.decode()


def test_the_emergency_flow_end_to_end(world, time_machine):
    anne_user = world.users["other_therapist"]
    anne = world.client_for("other_therapist")
    emergency_url = course_url(world, "care:emergency")

    # Too short a reason: refused, and what she typed is kept.
    response = anne.post(emergency_url, {"reason": "Akutt", "next": course_url(world)})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Skriv hvorfor du trenger tilgang (minst 10 tegn)." in body
    assert ">\nAkutt</textarea>" in body
    assert not EmergencyAccess.objects.exists()

    # With a reason, she is sent on to the page she wanted, told that everything is logged.
    response = anne.post(emergency_url, {"reason": REASON, "next": course_url(world)})
    assert response.status_code == 302 and response["Location"] == course_url(world)
    [access] = EmergencyAccess.objects.all()
    assert (access.user, access.course, access.reason) == (anne_user, world.course, REASON)
    page = anne.get(course_url(world))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Akuttilgang registrert til 10:00." in body  # two hours from 08:00, Oslo time
    assert NAME in body
    assert "Du leser dette forløpet med akuttilgang." in body
    # Read only: no phase or team forms.
    assert course_url(world, "care:phase") not in body and course_url(world, "care:team") not in body

    # Every row she wrote is about Nora and says why.
    rows = AccessLog.objects.filter(user=anne_user)
    assert rows.count() == 2  # the declaration and the overview
    assert set(rows.values_list("person", flat=True)) == {world.nora.pk}
    assert all(row.why.startswith("Akuttilgang: ") for row in rows)
    read = rows.get(action=Action.VIEW)
    assert read.why == f"Akuttilgang: {REASON} (Behandling: forløpsoversikt)"

    # A change is never allowed under an emergency access.
    phase = anne.post(course_url(world, "care:phase"), {"to": Phase.BEHANDLING})
    team = anne.post(course_url(world, "care:team"), {"role": TeamRole.DOCTOR, "user": str(anne_user.pk)})
    assert (phase.status_code, team.status_code) == (403, 403)
    course = Course.objects.get(pk=world.course.pk)
    assert course.phase == Phase.KARTLEGGING
    assert anne_user.pk not in course.team_user_ids()
    assert not rows.filter(action__in=[Action.CHANGE, Action.DELETE]).exists()

    # Nora sees who read, and why, in Min side.
    nora = world.client_for("the_person")
    mine = nora.get(reverse("minside:log")).content.decode()
    assert "Anne, terapeut" in mine
    assert f"Akuttilgang: {REASON}" in mine

    # The privacy officer sees it waiting for review, with who, whose course and why.
    admin = world.client_for("admin")
    review = admin.get(reverse("care:emergency_review"))
    assert review.status_code == 200
    body = review.content.decode()
    assert "Anne" in body and REASON in body and NAME in body
    assert reverse("care:emergency_reviewed", kwargs={"pk": access.pk}) in body
    assert AccessLog.objects.filter(user=world.users["admin"], person=world.nora).exists()
    response = admin.post(
        reverse("care:emergency_reviewed", kwargs={"pk": access.pk}),
        {"note": "Berettiget: akuttinnleggelse."},
    )
    assert response.status_code == 302 and response["Location"] == reverse("care:emergency_review")
    access.refresh_from_db()
    assert (
        access.reviewed_by == world.users["admin"] and access.review_note == "Berettiget: akuttinnleggelse."
    )
    waiting = admin.get(reverse("care:emergency_review")).content.decode()
    assert "Akuttilgangen er markert som gjennomgått." in waiting
    assert REASON not in waiting and "Ingen akuttilganger venter på gjennomgang." in waiting
    everything = admin.get(reverse("care:emergency_review") + "?vis=alle").content.decode()
    assert REASON in everything and "Berettiget: akuttinnleggelse." in everything

    # When the access runs out she is refused again.
    time_machine.move_to(NOW + timedelta(minutes=services.emergency_minutes(), seconds=1), tick=False)
    login_verified(anne, anne_user)  # a fresh second factor: the refusal is the course's, not the session's
    assert anne.get(course_url(world)).status_code == 403


def test_an_emergency_access_opens_only_the_course_it_was_declared_for(world):
    ola_course = Course.objects.get(person=world.ola)
    services.declare_emergency_access(course=world.course, by=world.users["other_doctor"], reason=REASON)
    per = world.client_for("other_doctor")
    assert per.get(course_url(world)).status_code == 200
    response = per.get(reverse("care:course", kwargs={"course_pk": ola_course.pk}))
    assert response.status_code == 403
    assert OTHER_NAME not in response.content.decode()


def test_an_emergency_redirect_never_leaves_the_site(world):
    anne = world.client_for("other_therapist")
    response = anne.post(
        course_url(world, "care:emergency"), {"reason": REASON, "next": "https://evil.example/steal"}
    )
    assert response.status_code == 302 and response["Location"] == course_url(world)


@pytest.mark.parametrize("persona", ["anonymous", "the_person", "another_client"])
def test_no_one_without_a_staff_account_can_declare_an_emergency_access(world, persona):
    response = world.client_for(persona).post(course_url(world, "care:emergency"), {"reason": REASON})
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "/logg-inn/" in response["Location"] or "login" in response["Location"]
    assert not EmergencyAccess.objects.exists()


@pytest.mark.parametrize("persona", ["team_therapist", "coordinator", "other_doctor"])
def test_only_the_admin_may_see_or_review_the_list(world, persona):
    access = services.declare_emergency_access(
        course=world.course, by=world.users["other_therapist"], reason=REASON
    )
    client = world.client_for(persona)
    response = client.get(reverse("care:emergency_review"))
    assert response.status_code == 403
    assert REASON not in response.content.decode()
    client.post(reverse("care:emergency_reviewed", kwargs={"pk": access.pk}), {"note": "Ser greit ut."})
    access.refresh_from_db()
    assert access.reviewed_at is None


def test_the_admin_must_say_what_the_review_found(world):
    access = services.declare_emergency_access(
        course=world.course, by=world.users["other_therapist"], reason=REASON
    )
    admin = world.client_for("admin")
    response = admin.post(
        reverse("care:emergency_reviewed", kwargs={"pk": access.pk}), {"note": ""}, follow=True
    )
    assert "Skriv hva gjennomgangen viste." in response.content.decode()
    access.refresh_from_db()
    assert access.reviewed_at is None
