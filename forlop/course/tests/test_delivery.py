"""The worker's lesson job, with a frozen clock."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import IntegrityError, transaction

from forlop.core import jobs
from forlop.course import services
from forlop.course.models import Enrollment, Lesson, LessonDelivery
from forlop.outbox.models import OutboxMessage
from forlop.outbox.services import deliver_due

from .conftest import SITE_URL, lesson_mails, oslo, run_job_at


@pytest.mark.django_db
def test_confirmed_at_23_59_the_first_lesson_comes_at_nine_the_next_morning(enrol):
    enrol(oslo(2026, 3, 2, 23, 59))

    assert run_job_at(oslo(2026, 3, 3, 0, 5)) == 0
    assert run_job_at(oslo(2026, 3, 3, 8, 59)) == 0
    assert run_job_at(oslo(2026, 3, 3, 9, 0)) == 1

    [mail] = lesson_mails()
    assert mail.subject == "Del 1 av 5: Når det trengs mer for å kjenne virkningen"
    assert mail.next_attempt_at == oslo(2026, 3, 3, 9, 0)
    delivery = LessonDelivery.objects.get()
    assert (delivery.number, delivery.sent_at, delivery.message_id) == (1, oslo(2026, 3, 3, 9, 0), mail.pk)


@pytest.mark.django_db
def test_the_lesson_email_is_the_chosen_version_with_one_click_unsubscribe(enrol):
    enrollment = enrol(oslo(2026, 3, 2, 12, 0), audience="relative", first_name="Ola")
    run_job_at(oslo(2026, 3, 3, 9, 0))

    [mail] = lesson_mails()
    relative = Lesson.objects.get(number=1, audience="relative")
    assert mail.to == ["kari@example.no"]
    assert "Leksjon 1 av 5" in mail.body_text
    assert "Hei, Ola!" in mail.body_text and "Hei, Ola!" in mail.body_html
    assert relative.body.splitlines()[0] in mail.body_text
    assert "<h1>Toleranse: når det trengs mer for å kjenne virkningen</h1>" in mail.body_html
    assert "<h2>Hva er toleranse?</h2>" in mail.body_html
    unsubscribe = f"{SITE_URL}/kurs/5-tegn/avmeld/{enrollment.token}/"
    assert mail.headers == {
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    assert unsubscribe in mail.body_text
    assert f'<a href="{unsubscribe}">Meld meg av</a>' in mail.body_html
    assert "113" in mail.body_text and "116 117" in mail.body_text


@pytest.mark.django_db
def test_the_lesson_reaches_the_mail_server_with_an_unsubscribe_header_gmail_and_outlook_can_read(
    enrol, running_smtp_server
):
    # The header must read `<https://…>` in plain ASCII on the wire: an RFC 2047 encoded word
    # (`=?utf-8?q?=3Chttps=3A//…`), which Python writes for a long line with nowhere to fold, hides the URL.
    enrollment = enrol(oslo(2026, 3, 2, 12, 0))
    run_job_at(oslo(2026, 3, 3, 9, 0))
    with time_machine.travel(oslo(2026, 3, 3, 9, 0), tick=False):
        assert deliver_due().sent == 2  # the confirmation email, then lesson 1

    [received] = [r for r in running_smtp_server.received if r.message["Subject"].startswith("Del 1 av 5")]
    head = received.raw.split(b"\r\n\r\n", 1)[0] + b"\r\n"
    unsubscribe = f"{SITE_URL}/kurs/5-tegn/avmeld/{enrollment.token}/"
    assert f"\r\nList-Unsubscribe: <{unsubscribe}>\r\n".encode("ascii") in head
    assert b"\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n" in head
    assert head.count(b"List-Unsubscribe:") == 1


@pytest.mark.django_db
def test_lesson_emails_carry_no_tracking_and_no_health_details_beyond_the_topic(enrol):
    enrollment = enrol(oslo(2026, 3, 2, 12, 0))
    for day in range(3, 8):
        run_job_at(oslo(2026, 3, day, 9, 0))

    mails = lesson_mails()
    assert len(mails) == 5
    for mail in mails:
        assert "<img" not in mail.body_html and "utm_" not in mail.body_html + mail.body_text
        for href in re.findall(r'href="([^"]+)"', mail.body_html):
            # Plain links to our own pages; only the unsubscribe link is personal.
            assert href.startswith(SITE_URL + "/")
            assert "?" not in href
            assert (
                enrollment.token not in href or href == f"{SITE_URL}/kurs/5-tegn/avmeld/{enrollment.token}/"
            )
        assert "kari@example.no" not in mail.body_text + mail.body_html + mail.subject
    last = mails[-1]
    assert f'href="{SITE_URL}/finn-terapeut/"' in last.body_html
    assert f"matchskjemaet ({SITE_URL}/finn-terapeut/)" in last.body_text
    assert "førstesamtale" in last.body_text


@pytest.mark.django_db
def test_five_lessons_on_five_mornings_then_the_course_is_complete(enrol):
    enrol(oslo(2026, 3, 2, 12, 0))
    for day in range(3, 8):
        assert run_job_at(oslo(2026, 3, day, 9, 0)) == 1
        assert run_job_at(oslo(2026, 3, day, 15, 0)) == 0

    assert [m.subject.split(":")[0] for m in lesson_mails()] == [f"Del {n} av 5" for n in range(1, 6)]
    enrollment = Enrollment.objects.get()
    assert enrollment.status == Enrollment.Status.COMPLETED
    assert enrollment.ended_at == oslo(2026, 3, 7, 9, 0)
    assert run_job_at(oslo(2026, 3, 8, 9, 0)) == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("confirmed", "due_utc"),
    [
        # Spring forward on 29 March 2026: 09:00 in Oslo is 07:00 UTC that morning (08:00 the day before).
        (oslo(2026, 3, 28, 20, 0), datetime(2026, 3, 29, 7, 0, tzinfo=UTC)),
        # Fall back on 25 October 2026: 09:00 in Oslo is 08:00 UTC that morning (07:00 the day before).
        (oslo(2026, 10, 24, 20, 0), datetime(2026, 10, 25, 8, 0, tzinfo=UTC)),
    ],
    ids=["spring-forward", "fall-back"],
)
def test_lessons_come_at_nine_local_time_on_the_days_the_clocks_change(enrol, confirmed, due_utc):
    enrol(confirmed)
    assert run_job_at(due_utc - timedelta(minutes=1)) == 0
    assert run_job_at(due_utc) == 1
    assert lesson_mails()[0].created_at == due_utc


@pytest.mark.django_db
def test_a_lesson_straddling_the_change_keeps_one_lesson_a_day(enrol):
    enrol(oslo(2026, 10, 23, 12, 0))
    for day in (24, 25, 26):
        run_job_at(oslo(2026, 10, day, 9, 0))
    sent = [d.sent_at.astimezone(UTC) for d in LessonDelivery.objects.order_by("number")]
    assert sent == [
        datetime(2026, 10, 24, 7, 0, tzinfo=UTC),
        datetime(2026, 10, 25, 8, 0, tzinfo=UTC),
        datetime(2026, 10, 26, 8, 0, tzinfo=UTC),
    ]


@pytest.mark.django_db
def test_unsubscribing_between_lessons_stops_the_rest(client, enrol):
    enrollment = enrol(oslo(2026, 3, 2, 12, 0))
    run_job_at(oslo(2026, 3, 3, 9, 0))
    run_job_at(oslo(2026, 3, 4, 9, 0))
    OutboxMessage.objects.update(status=OutboxMessage.Status.SENT)  # the worker has delivered them

    with time_machine.travel(oslo(2026, 3, 4, 20, 0), tick=False):
        client.post(f"/kurs/5-tegn/avmeld/{enrollment.token}/", {"List-Unsubscribe": "One-Click"})
    for day in range(5, 10):
        assert run_job_at(oslo(2026, 3, day, 9, 0)) == 0

    assert len(lesson_mails()) == 2


@pytest.mark.django_db
def test_unsubscribing_calls_back_a_lesson_still_waiting_in_the_outbox(client, enrol):
    enrollment = enrol(oslo(2026, 3, 2, 12, 0))
    run_job_at(oslo(2026, 3, 3, 9, 0))  # queued; the mail server is down, so it is still PENDING

    client.post(f"/kurs/5-tegn/avmeld/{enrollment.token}/")

    assert lesson_mails() == []
    assert LessonDelivery.objects.count() == 0  # the figures count only lessons that went out


@pytest.mark.django_db
def test_an_unsubscribe_that_commits_first_wins_over_a_worker_holding_old_news(enrol):
    enrollment = enrol(oslo(2026, 3, 2, 12, 0))
    services.unsubscribe(token=enrollment.token)  # after the worker listed the active enrollments
    assert services.deliver_next_lesson(enrollment_id=enrollment.pk, now=oslo(2026, 3, 3, 9, 0)) is None
    assert lesson_mails() == []


@pytest.mark.django_db
def test_signing_up_again_later_starts_over_from_lesson_one(client, enrol):
    first = enrol(oslo(2026, 3, 2, 12, 0))
    run_job_at(oslo(2026, 3, 3, 9, 0))
    run_job_at(oslo(2026, 3, 4, 9, 0))
    with time_machine.travel(oslo(2026, 3, 4, 12, 0), tick=False):
        services.unsubscribe(token=first.token)

    second = enrol(oslo(2026, 3, 10, 12, 0), audience="relative")
    run_job_at(oslo(2026, 3, 11, 9, 0))

    assert second.pk != first.pk and second.token != first.token
    newest = lesson_mails()[-1]
    assert newest.subject.startswith("Del 1 av 5") and "Hva er toleranse?" in newest.body_text
    assert list(second.deliveries.values_list("number", flat=True)) == [1]


@pytest.mark.django_db
def test_running_the_job_again_never_sends_a_lesson_twice(enrol):
    enrol(oslo(2026, 3, 2, 12, 0))
    now = oslo(2026, 3, 3, 9, 0)
    assert run_job_at(now) == 1
    assert run_job_at(now) == 0
    for minute in range(5, 60, 5):
        assert run_job_at(oslo(2026, 3, 3, 9, minute)) == 0
    assert LessonDelivery.objects.count() == 1
    assert len(lesson_mails()) == 1


@pytest.mark.django_db
def test_control_the_database_alone_refuses_a_second_copy_from_a_confused_worker(enrol, monkeypatch):
    # Without the schedule re-check (a worker that thinks lesson 1 is still due), the unique pair
    # (enrollment, number) still stops the copy, and the email queued with it rolls back too.
    enrollment = enrol(oslo(2026, 3, 2, 12, 0))
    now = oslo(2026, 3, 3, 9, 0)
    monkeypatch.setattr(services, "next_lesson_due", lambda **kwargs: (1, now))

    assert services.deliver_next_lesson(enrollment_id=enrollment.pk, now=now) == 1
    assert services.deliver_next_lesson(enrollment_id=enrollment.pk, now=now) is None

    assert LessonDelivery.objects.count() == 1
    assert len(lesson_mails()) == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        LessonDelivery.objects.create(enrollment=enrollment, number=1, sent_at=now)


@pytest.mark.django_db
def test_a_worker_down_for_a_day_catches_up_one_lesson_per_day(enrol):
    enrol(oslo(2026, 3, 2, 12, 0))
    run_job_at(oslo(2026, 3, 3, 9, 0))
    # Down from the evening of 3 March until 14:00 on 5 March: lesson 2 (due on the 4th) comes at once...
    assert run_job_at(oslo(2026, 3, 5, 14, 0)) == 1
    # ...lesson 3 does not follow on the same day...
    for hour in (14, 16, 20, 23):
        assert run_job_at(oslo(2026, 3, 5, hour, 30)) == 0
    # ...but the next morning.
    assert run_job_at(oslo(2026, 3, 6, 8, 55)) == 0
    assert run_job_at(oslo(2026, 3, 6, 9, 0)) == 1

    sent = [(d.number, d.sent_at) for d in LessonDelivery.objects.order_by("number")]
    assert sent == [(1, oslo(2026, 3, 3, 9, 0)), (2, oslo(2026, 3, 5, 14, 0)), (3, oslo(2026, 3, 6, 9, 0))]


@pytest.mark.django_db
def test_a_worker_back_in_the_night_waits_for_the_morning(enrol):
    enrol(oslo(2026, 3, 2, 12, 0))
    assert run_job_at(oslo(2026, 3, 4, 23, 30)) == 0
    assert run_job_at(oslo(2026, 3, 5, 3, 0)) == 0
    assert run_job_at(oslo(2026, 3, 5, 9, 0)) == 1


@pytest.mark.django_db
def test_one_broken_enrollment_does_not_hold_up_the_others(enrol, caplog):
    enrol(oslo(2026, 3, 2, 12, 0), email="selv@example.no")
    enrol(oslo(2026, 3, 2, 12, 0), email="naer@example.no", audience="relative")
    Lesson.objects.filter(audience="relative", number=1).delete()

    assert run_job_at(oslo(2026, 3, 3, 9, 0)) == 1

    assert len(lesson_mails("selv@example.no")) == 1
    assert "could not send the next lesson" in caplog.text


@pytest.mark.django_db
def test_the_job_keeps_to_a_query_budget(enrol, django_assert_max_num_queries):
    for n in range(10):
        enrol(oslo(2026, 3, 2, 12, 0), email=f"person{n}@example.no")
    with django_assert_max_num_queries(2):
        run_job_at(oslo(2026, 3, 3, 8, 0))  # nothing due: two reads
    # Three reads, then per lesson: lock and re-read (2), queue (1), record (1), and 4 savepoint statements.
    with django_assert_max_num_queries(3 + 10 * 8):
        assert run_job_at(oslo(2026, 3, 3, 9, 0)) == 10


@pytest.mark.django_db
def test_the_worker_runs_the_course_jobs():
    jobs.autodiscover()
    assert jobs.REGISTRY["course.send_lessons"].every.total_seconds() == 300
    assert "course.retention" in jobs.REGISTRY


@pytest.mark.django_db
def test_the_worker_s_registry_runs_the_lesson_job(enrol):
    enrol(oslo(2026, 3, 2, 12, 0))
    jobs.autodiscover()
    job = jobs.REGISTRY["course.send_lessons"]
    with time_machine.travel(oslo(2026, 3, 3, 9, 1), tick=False):
        assert jobs.run_due_jobs(jobs=[job]) == ["course.send_lessons"]
    assert len(lesson_mails()) == 1
