import re

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.utils import timezone

from forlop.course import services
from forlop.course.models import Enrollment, EnrollmentQuerySet
from forlop.outbox.models import OutboxMessage

from .conftest import SITE_URL, link, oslo, sign_up

URL = "/kurs/5-tegn/"
CHECK_INBOX = "/kurs/5-tegn/sjekk-e-posten/"


def valid(**changes) -> dict:
    data = {"email": "Kari@Example.no ", "first_name": " Kari ", "audience": "self", "consent": "on"}
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.django_db
def test_it_shows_the_course_and_the_form(client, lessons, settings, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Gratis e-postkurs: 5 vanlige tegn på rusmisbruk</h1>" in html
    for title in [
        "Toleranse: når det trengs mer for å kjenne virkningen",
        "Tap av kontroll: når det blir mer enn planlagt",
        "Når rusen tar stadig større plass",
        "Når bruken fortsetter til tross for problemer",
        "Abstinens: når rusen brukes for å dempe ubehag",
    ]:
        assert f"<li>{title}</li>" in html
    assert "<legend>Hvem er kurset for?" in html
    assert "Meg selv" in html and "En jeg er glad i" in html
    assert 'href="/personvern/"' in html
    assert "113" in html and "116 117" in html
    # The only cookie the course ever sets is the CSRF cookie, and only where there is a form.
    assert set(response.cookies) == {settings.CSRF_COOKIE_NAME}


@pytest.mark.django_db
def test_it_is_linked_from_the_menu_and_works_in_english(client, lessons):
    assert 'href="/kurs/5-tegn/" aria-current="page"' in client.get(URL).content.decode()
    assert client.get("/en/kurs/5-tegn/").status_code == 200


@pytest.mark.django_db
def test_it_signs_up_and_sends_only_the_confirmation_email(client, lessons, django_assert_max_num_queries):
    with django_assert_max_num_queries(14):  # two of them find or create the person (forlop.people)
        response = client.post(URL, valid())

    assert response.status_code == 302
    assert response["Location"] == CHECK_INBOX
    enrollment = Enrollment.objects.get()
    assert enrollment.email == "kari@example.no"
    assert enrollment.first_name == "Kari"
    assert enrollment.audience == "self"
    assert enrollment.status == Enrollment.Status.PENDING
    assert enrollment.consent_at is not None
    assert enrollment.email_hash == services.email_hash("KARI@example.no")
    assert len(enrollment.token) >= 40

    message = OutboxMessage.objects.get()
    assert message.to == ["kari@example.no"]
    assert message.template == "course_confirm"
    assert message.subject == "Bekreft påmeldingen til e-postkurset – Forløp"
    assert "Hei, Kari!" in message.body_text
    assert link(message.body_text, "bekreft") == f"/kurs/5-tegn/bekreft/{enrollment.token}/"
    assert link(message.body_text, "avmeld") == f"/kurs/5-tegn/avmeld/{enrollment.token}/"
    assert message.headers["List-Unsubscribe"] == f"<{SITE_URL}/kurs/5-tegn/avmeld/{enrollment.token}/>"
    assert message.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    with django_assert_max_num_queries(0):
        page = client.get(CHECK_INBOX)
    assert page.status_code == 200
    assert "Sjekk e-posten din" in page.content.decode()
    assert page.cookies == {}


@pytest.mark.django_db
def test_nothing_but_the_confirmation_is_sent_before_the_link_is_clicked(client, lessons):
    with time_machine.travel(oslo(2026, 3, 2, 12, 0), tick=False):
        client.post(URL, valid())
    for day in range(1, 8):
        with time_machine.travel(oslo(2026, 3, 2 + day, 9, 30), tick=False):
            assert services.send_due_lessons() == 0
    assert list(OutboxMessage.objects.values_list("template", flat=True)) == ["course_confirm"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"email": ""}, "email", "Skriv inn e-postadressen du vil få kurset til."),
        ({"email": "kari@"}, "email", "Skriv inn en gyldig e-postadresse, for eksempel navn@eksempel.no."),
        ({"audience": None}, "audience", "Velg hvem kurset er for, så får du riktig versjon av leksjonene."),
        ({"audience": "naboen"}, "audience", "Velg ett av de to alternativene."),
        ({"consent": None}, "consent", "Du må krysse av for samtykke før vi kan sende deg kurset."),
        ({"first_name": "K" * 61}, "first_name", "Fornavnet kan ha høyst 60 tegn (nå er det 61)."),
    ],
)
def test_it_explains_what_is_wrong_in_norwegian_and_keeps_the_input(client, lessons, changes, field, message):
    data = valid(**changes)
    response = client.post(URL, data)

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Noe må rettes før du kan sende" in html
    assert response.context["form"].errors[field]
    if data.get("email") and field != "email":
        assert 'value="Kari@Example.no "' in html
    if data.get("audience") == "self":
        assert re.search(r'<input type="radio" name="audience" value="self"[^>]* checked', html)
    if "consent" in data:
        assert re.search(r'<input type="checkbox" name="consent"[^>]* checked', html)
    assert not Enrollment.objects.exists()
    assert not OutboxMessage.objects.exists()


@pytest.mark.django_db
def test_it_limits_sign_ups_from_one_address(client, lessons, settings):
    settings.COURSE_SIGNUP_RATE_LIMIT_PER_HOUR = 2
    for n in range(2):
        assert client.post(URL, valid(email=f"person{n}@example.no")).status_code == 302

    response = client.post(URL, valid(email="person3@example.no"))

    assert response.status_code == 429
    html = response.content.decode()
    assert "Vent litt før du prøver igjen" in html
    assert 'value="person3@example.no"' in html
    assert Enrollment.objects.count() == 2


@pytest.mark.django_db
def test_signing_up_again_while_active_sends_nothing_and_reveals_nothing(client, enrol):
    enrol(oslo(2026, 3, 2, 12, 0))
    queued = OutboxMessage.objects.count()

    with time_machine.travel(oslo(2026, 3, 2, 13, 0), tick=False):
        response = client.post(URL, valid())

    assert response["Location"] == CHECK_INBOX  # the same answer as for a new address
    assert Enrollment.objects.count() == 1
    assert OutboxMessage.objects.count() == queued


@pytest.mark.django_db
def test_signing_up_again_while_pending_resends_the_link_but_not_too_often(client, lessons):
    with time_machine.travel(oslo(2026, 3, 2, 12, 0), tick=False):
        client.post(URL, valid())
        client.post(URL, valid(audience="relative"))
    assert OutboxMessage.objects.count() == 1
    assert Enrollment.objects.get().audience == "relative"  # the latest answer counts

    with time_machine.travel(oslo(2026, 3, 2, 12, 11), tick=False):
        client.post(URL, valid())
    enrollment = Enrollment.objects.get()
    assert OutboxMessage.objects.filter(template="course_confirm").count() == 2
    assert all(enrollment.token in m.body_text for m in OutboxMessage.objects.all())  # both links work


@pytest.mark.django_db
def test_a_sign_up_left_unconfirmed_for_a_week_starts_over(client, lessons):
    with time_machine.travel(oslo(2026, 3, 2, 12, 0), tick=False):
        old = sign_up()
    with time_machine.travel(oslo(2026, 3, 9, 12, 1), tick=False):
        new = sign_up()
    old.refresh_from_db()
    assert old.status == Enrollment.Status.EXPIRED and old.email == "" and old.token == ""
    assert new.pk != old.pk and new.status == Enrollment.Status.PENDING


@pytest.mark.django_db
def test_the_database_refuses_a_second_running_enrollment_for_one_address(lessons):
    running = sign_up()
    with pytest.raises(IntegrityError), transaction.atomic():
        Enrollment.objects.create(
            email=running.email, audience="self", token="another-token", consent_at=timezone.now()
        )
    # Once the first has ended, the address may start again.
    Enrollment.objects.filter(pk=running.pk).update(status=Enrollment.Status.UNSUBSCRIBED)
    Enrollment.objects.create(
        email=running.email, audience="self", token="another-token", consent_at=timezone.now()
    )
    assert Enrollment.objects.running().count() == 1


@pytest.mark.django_db
def test_a_sign_up_that_loses_a_race_is_a_quiet_no_op(lessons, monkeypatch):
    # Both requests looked before either wrote; the other one inserted first. Hide its row from the look.
    sign_up()
    monkeypatch.setattr(EnrollmentQuerySet, "running", lambda self: self.none())

    outcome = services.sign_up(email="kari@example.no", first_name="", audience="self", ip_hash="x")

    assert outcome == services.SignUpOutcome.ALREADY_RUNNING
    assert Enrollment.objects.count() == 1
    assert OutboxMessage.objects.count() == 1


@pytest.mark.django_db
def test_the_confirmation_email_carries_no_tracking(lessons):
    enrollment = sign_up()
    message = OutboxMessage.objects.get()
    for body in (message.body_text, message.body_html):
        assert "utm_" not in body and "<img" not in body
    links = set(re.findall(r'href="([^"]+)"', message.body_html))
    assert links == {
        f"{SITE_URL}/kurs/5-tegn/bekreft/{enrollment.token}/",
        f"{SITE_URL}/kurs/5-tegn/avmeld/{enrollment.token}/",
    }
