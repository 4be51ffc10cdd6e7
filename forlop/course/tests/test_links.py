"""The confirm and unsubscribe links from the emails."""

import pytest
import time_machine

from forlop.course import services
from forlop.course.models import Enrollment
from forlop.outbox.models import OutboxMessage

from .conftest import lesson_mails, oslo, run_job_at, sign_up


def confirm_url(enrollment: Enrollment) -> str:
    return f"/kurs/5-tegn/bekreft/{enrollment.token}/"


def unsubscribe_url(enrollment: Enrollment) -> str:
    return f"/kurs/5-tegn/avmeld/{enrollment.token}/"


# --- Confirm ------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_opening_the_confirm_link_only_shows_a_button(
    client, lessons, settings, django_assert_max_num_queries
):
    enrollment = sign_up()
    with django_assert_max_num_queries(1):
        response = client.get(confirm_url(enrollment))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Bekreft påmeldingen" in html
    assert ">Start kurset</button>" in html
    assert "versjonen for deg som lurer på din egen bruk" in html
    assert '<meta name="robots" content="noindex">' in html
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    assert set(response.cookies) == {settings.CSRF_COOKIE_NAME}  # the only cookie, for the button's form
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.PENDING  # a link scanner's GET starts nothing


@pytest.mark.django_db
def test_pressing_the_button_starts_the_course(client, lessons, django_assert_max_num_queries):
    with time_machine.travel(oslo(2026, 3, 2, 23, 59), tick=False):
        enrollment = sign_up(audience="relative")
        with django_assert_max_num_queries(3):
            response = client.post(confirm_url(enrollment))
        assert response.status_code == 302
        assert response["Location"] == confirm_url(enrollment)
        page = client.get(confirm_url(enrollment)).content.decode()

    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.ACTIVE
    assert enrollment.confirmed_at == oslo(2026, 3, 2, 23, 59)
    assert "Du er påmeldt" in page
    assert "Første leksjon kommer i morgen, tirsdag 3. mars, rundt klokken 09." in page


@pytest.mark.django_db
def test_confirming_twice_is_harmless(client, lessons):
    enrollment = sign_up()
    client.post(confirm_url(enrollment))
    confirmed_at = Enrollment.objects.get().confirmed_at
    assert services.confirm(token=enrollment.token) == services.ConfirmOutcome.ALREADY_CONFIRMED
    assert client.post(confirm_url(enrollment)).status_code == 302
    assert Enrollment.objects.get().confirmed_at == confirmed_at


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
def test_an_unknown_link_gets_a_friendly_404(client, lessons, method):
    response = getattr(client, method)("/kurs/5-tegn/bekreft/finnes-ikke/")
    assert response.status_code == 404
    assert "Lenken virker ikke lenger" in response.content.decode()


@pytest.mark.django_db
def test_a_confirm_link_stops_working_after_seven_days(client, lessons):
    with time_machine.travel(oslo(2026, 3, 2, 12, 0), tick=False):
        enrollment = sign_up()
    with time_machine.travel(oslo(2026, 3, 9, 12, 1), tick=False):
        assert client.get(confirm_url(enrollment)).status_code == 404
        assert client.post(confirm_url(enrollment)).status_code == 404
    assert Enrollment.objects.get().status == Enrollment.Status.PENDING


@pytest.mark.django_db
def test_the_confirm_page_of_an_unsubscribed_course_offers_a_new_start(client, lessons):
    enrollment = sign_up()
    client.post(confirm_url(enrollment))
    services.unsubscribe(token=enrollment.token)
    assert services.confirm(token=enrollment.token) == services.ConfirmOutcome.ENDED
    html = client.get(confirm_url(enrollment)).content.decode()
    assert "Du er meldt av kurset" in html


# --- Unsubscribe --------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_opening_the_unsubscribe_link_asks_first_and_sets_no_cookie(
    client, enrol, django_assert_max_num_queries
):
    enrollment = enrol(oslo(2026, 3, 2, 12, 0))
    with django_assert_max_num_queries(1):
        response = client.get(unsubscribe_url(enrollment))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Meld deg av e-postkurset" in html
    assert ">Meld meg av</button>" in html
    assert response.cookies == {}
    assert Enrollment.objects.get().status == Enrollment.Status.ACTIVE


@pytest.mark.django_db
def test_the_button_unsubscribes_and_the_page_confirms_it(client, enrol, django_assert_max_num_queries):
    enrollment = enrol(oslo(2026, 3, 2, 12, 0))
    with django_assert_max_num_queries(6):
        response = client.post(unsubscribe_url(enrollment))

    assert response.status_code == 302
    assert response["Location"] == "/kurs/5-tegn/avmeldt/"
    page = client.get(response["Location"])
    assert "Du er meldt av" in page.content.decode()
    assert "Du får ingen flere e-poster fra kurset" in page.content.decode()
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.UNSUBSCRIBED
    assert enrollment.ended_at is not None
    assert "Du er allerede meldt av" in client.get(unsubscribe_url(enrollment)).content.decode()


@pytest.mark.django_db
def test_a_mail_client_unsubscribes_with_one_click_without_csrf(enrol):
    from django.test import Client

    enrollment = enrol(oslo(2026, 3, 2, 12, 0))
    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(unsubscribe_url(enrollment), {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert "Du er meldt av" in response.content.decode()
    assert Enrollment.objects.get().status == Enrollment.Status.UNSUBSCRIBED


@pytest.mark.django_db
def test_only_the_unsubscribe_endpoint_skips_csrf(lessons):
    from django.test import Client

    enrollment = sign_up()
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(confirm_url(enrollment)).status_code == 403
    assert strict.post("/kurs/5-tegn/", {"email": "x@example.no"}).status_code == 403


@pytest.mark.django_db
def test_unsubscribing_an_unconfirmed_sign_up_forgets_the_address_at_once(client, lessons):
    enrollment = sign_up()
    link = unsubscribe_url(enrollment)
    client.post(link)
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.UNSUBSCRIBED
    assert (enrollment.email, enrollment.first_name, enrollment.token, enrollment.email_hash) == (
        "",
        "",
        "",
        "",
    )
    assert client.get(link).status_code == 404


@pytest.mark.django_db
def test_an_unknown_unsubscribe_link_gets_a_friendly_404(client, lessons):
    assert client.get("/kurs/5-tegn/avmeld/ukjent/").status_code == 404
    response = client.post("/kurs/5-tegn/avmeld/ukjent/", {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 404


@pytest.mark.django_db
def test_unsubscribing_after_the_last_lesson_calls_back_what_has_not_gone_out(client, enrol):
    enrollment = enrol(oslo(2026, 3, 2, 12, 0))
    for day in range(3, 7):
        run_job_at(oslo(2026, 3, day, 9, 0))
    OutboxMessage.objects.filter(template="course_lesson").update(status=OutboxMessage.Status.SENT)
    run_job_at(oslo(2026, 3, 7, 9, 0))  # the fifth is queued, but the mail server is slow today
    assert Enrollment.objects.get().status == Enrollment.Status.COMPLETED
    assert "Kurset er ferdig" in client.get(unsubscribe_url(enrollment)).content.decode()

    assert client.post(unsubscribe_url(enrollment)).status_code == 302

    assert Enrollment.objects.get().status == Enrollment.Status.COMPLETED
    assert [m.subject[:10] for m in lesson_mails()] == [
        "Del 1 av 5",
        "Del 2 av 5",
        "Del 3 av 5",
        "Del 4 av 5",
    ]
