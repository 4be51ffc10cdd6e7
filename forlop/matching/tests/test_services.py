import pytest

from forlop.matching import services
from forlop.matching.models import MatchRequest
from forlop.outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db


def test_two_coordinators_acting_at_once_send_one_email(
    make_request, make_therapist, coordinator, admin_user
):
    therapist = make_therapist()
    match_request = make_request()
    first_look = MatchRequest.objects.get(pk=match_request.pk)
    second_look = MatchRequest.objects.get(pk=match_request.pk)

    services.send_suggestion(match_request=first_look, therapist=therapist, by=coordinator)
    with pytest.raises(services.RequestChanged):
        services.ask_question(match_request=second_look, question="Hei?", by=admin_user)

    assert OutboxMessage.objects.filter(template="matching_suggestion").count() == 1
    assert not OutboxMessage.objects.filter(template="matching_question").exists()
    assert match_request.events.count() == 2


def test_a_closed_request_takes_no_more_actions(make_request, coordinator):
    match_request = make_request()
    services.close_request(match_request=match_request, reason="duplicate", by=coordinator)
    with pytest.raises(services.RequestChanged):
        services.close_request(match_request=match_request, reason="duplicate", by=coordinator)


def test_booking_marks_the_request_booked_and_keeps_it(make_request, make_therapist, coordinator):
    therapist = make_therapist()
    match_request = make_request()
    services.send_suggestion(match_request=match_request, therapist=therapist, by=coordinator)
    services.mark_booked(match_request=match_request)
    match_request.refresh_from_db()
    assert match_request.status == MatchRequest.Status.BOOKED
    assert match_request.events.last().therapist == therapist


def test_the_booking_link_falls_back_to_the_profile_until_booking_exists(make_therapist, settings):
    from django.urls import NoReverseMatch, reverse

    therapist = make_therapist(slug="ada-berg")
    try:
        expected = settings.SITE_URL + reverse("booking:start", kwargs={"slug": "ada-berg"})
    except NoReverseMatch:
        expected = settings.SITE_URL + "/terapeuter/ada-berg/"
    assert services.booking_url(therapist) == expected


def test_a_course_participant_who_sends_a_request_is_counted_as_a_conversion(make_request):
    from datetime import timedelta

    from django.utils import timezone

    from forlop.course.models import Enrollment
    from forlop.course.services import email_hash

    enrollment = Enrollment.objects.create(
        email="kari@example.no",
        email_hash=email_hash("kari@example.no"),
        token="t" * 43,
        status=Enrollment.Status.ACTIVE,
        audience="self",
        consent_at=timezone.now() - timedelta(days=10),
        confirmed_at=timezone.now() - timedelta(days=9),
    )
    make_request(email="kari@example.no")
    enrollment.refresh_from_db()
    assert enrollment.matched_at is not None
