"""A person takes the email course in Chromium (desktop and 375 px phone): sign up, confirm from the email,
get lesson 1 the next morning, unsubscribe. axe finds nothing on any course page."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from forlop.conftest import assert_accessible, screenshot
from forlop.course import services
from forlop.course.models import Enrollment
from forlop.lib.timezones import OSLO, to_oslo
from forlop.outbox.models import OutboxMessage

from .conftest import SITE_URL, link

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def on_live_server(live_server, path: str) -> str:
    return live_server.url + path


def test_a_relative_takes_the_course_and_unsubscribes_with_one_click(page, live_server, lessons):
    page.goto(live_server.url + "/kurs/5-tegn/")
    assert (
        page.get_by_role("heading", level=1).inner_text() == "Gratis e-postkurs: 5 vanlige tegn på rusmisbruk"
    )
    assert page.locator("ol.course-lessons li").count() == 5
    assert_accessible(page)
    screenshot(page, "course-signup")

    # Sending without filling in anything explains what is missing.
    page.get_by_role("button", name="Meld meg på kurset").click()
    assert (
        page.get_by_role("alert").get_by_text("Skriv inn e-postadressen du vil få kurset til.").is_visible()
    )
    assert_accessible(page)
    screenshot(page, "course-signup-errors")

    page.get_by_role("textbox", name="E-postadresse").fill("ola@example.no")
    page.get_by_label("Fornavn").fill("Ola")
    page.get_by_role("group", name="Hvem er kurset for?").get_by_label("En jeg er glad i").check()
    page.get_by_label("Jeg vil få det gratis e-postkurset").check()
    page.get_by_role("button", name="Meld meg på kurset").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Sjekk e-posten din"
    assert_accessible(page)
    screenshot(page, "course-check-inbox")
    assert list(OutboxMessage.objects.values_list("template", flat=True)) == ["course_confirm"]

    # The link in the confirmation email shows a button; pressing it starts the course.
    confirmation = OutboxMessage.objects.get(template="course_confirm")
    page.goto(on_live_server(live_server, link(confirmation.body_text, "bekreft")))
    assert_accessible(page)
    screenshot(page, "course-confirm")
    page.get_by_role("button", name="Start kurset").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Du er påmeldt"
    assert page.get_by_role("status").get_by_text("Første leksjon kommer i morgen").is_visible()
    assert_accessible(page)
    screenshot(page, "course-confirmed")

    # The worker's job runs the next morning at 09:30 Oslo time.
    tomorrow = to_oslo(timezone.now()).date() + timedelta(days=1)
    assert services.send_due_lessons(now=datetime.combine(tomorrow, time(9, 30), tzinfo=OSLO)) == 1
    lesson = OutboxMessage.objects.get(template="course_lesson")
    assert lesson.to == ["ola@example.no"] and "Hei, Ola!" in lesson.body_text
    unsubscribe = link(lesson.body_text, "avmeld")
    assert lesson.headers["List-Unsubscribe"] == f"<{SITE_URL}{unsubscribe}>"

    page.goto(on_live_server(live_server, unsubscribe))
    assert_accessible(page)
    screenshot(page, "course-unsubscribe")
    page.get_by_role("button", name="Meld meg av").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Du er meldt av"
    assert_accessible(page)
    screenshot(page, "course-unsubscribed")
    assert Enrollment.objects.get().status == Enrollment.Status.UNSUBSCRIBED
    assert (
        services.send_due_lessons(
            now=datetime.combine(tomorrow + timedelta(days=1), time(9, 30), tzinfo=OSLO)
        )
        == 0
    )


def test_a_mail_client_s_one_click_post_unsubscribes(page, live_server, lessons):
    services.sign_up(email="kari@example.no", first_name="", audience="self", ip_hash="x")
    enrollment = Enrollment.objects.get()
    services.confirm(token=enrollment.token)

    response = page.request.post(
        on_live_server(live_server, f"/kurs/5-tegn/avmeld/{enrollment.token}/"),
        form={"List-Unsubscribe": "One-Click"},
    )

    assert response.status == 200
    assert Enrollment.objects.get().status == Enrollment.Status.UNSUBSCRIBED


def test_a_dead_link_explains_itself_accessibly(page, live_server, lessons):
    for path in ["/kurs/5-tegn/bekreft/utlopt/", "/kurs/5-tegn/avmeld/utlopt/"]:
        page.goto(live_server.url + path)
        assert page.get_by_role("heading", level=1).inner_text() == "Lenken virker ikke lenger"
        assert_accessible(page)
    screenshot(page, "course-link-invalid")


def test_the_staff_figures_and_the_lesson_preview_are_accessible(
    page, live_server, lessons, admin_user, settings
):
    from django.test import Client

    from forlop.accounts.testing import login_verified
    from forlop.course.models import Lesson

    staff = login_verified(Client(), admin_user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": staff.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page.goto(live_server.url + "/ansatt/kurs/")
    assert page.get_by_role("heading", level=1).inner_text() == "E-postkurset i tall"
    assert_accessible(page)
    screenshot(page, "course-figures")

    lesson = Lesson.objects.get(number=1, audience="self")
    page.goto(live_server.url + f"/admin/course/lesson/{lesson.pk}/preview/")
    frame = page.frame_locator("iframe.course-email-preview")
    assert frame.get_by_role("heading", level=1).inner_text() == lesson.title
    assert_accessible(page)
    screenshot(page, "course-lesson-preview")
