"""The staff page with the course's figures, and the conversion hook for later apps."""

import pytest
import time_machine
from django.urls import reverse

from forlop.course import conversions, services
from forlop.course.models import Enrollment

from .conftest import oslo, run_job_at, sign_up

URL = "/ansatt/kurs/"


@pytest.fixture
def tracking():
    """Pretend the match form and the booking of first talks exist and report conversions."""
    conversions.track(conversions.MATCH_REQUEST)
    conversions.track(conversions.FIRST_TALK)
    yield
    conversions.untrack(conversions.MATCH_REQUEST)
    conversions.untrack(conversions.FIRST_TALK)


def row(html: str, label: str) -> str:
    start = html.index(f'<th scope="row">{label}</th>')
    return html[start : html.index("</tr>", start)]


@pytest.fixture
def history(enrol):
    """Four sign-ups between January and March 2026, with every outcome."""
    old = enrol(oslo(2026, 1, 10, 12, 0), email="gammel@example.no")
    for day in range(11, 16):
        run_job_at(oslo(2026, 1, day, 9, 0))  # completed in January
    done = enrol(oslo(2026, 3, 20, 12, 0), email="ferdig@example.no")
    for day in range(21, 26):
        run_job_at(oslo(2026, 3, day, 9, 0))
    leaver = enrol(oslo(2026, 3, 21, 12, 0), email="slutter@example.no", audience="relative")
    with time_machine.travel(oslo(2026, 3, 23, 12, 0), tick=False):
        services.unsubscribe(token=leaver.token)
        sign_up("venter@example.no")  # never confirmed
    with time_machine.travel(oslo(2026, 3, 28, 12, 0), tick=False):
        services.record_conversion(email="FERDIG@example.no", kind=conversions.MATCH_REQUEST)
        services.record_conversion(email="gammel@example.no", kind=conversions.FIRST_TALK)
        services.record_conversion(email="venter@example.no", kind=conversions.MATCH_REQUEST)  # unconfirmed
    return old, done, leaver


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["admin_user", "coordinator"])
def test_admins_and_coordinators_see_the_figures(
    verified_client, history, tracking, persona, request, django_assert_max_num_queries
):
    client = verified_client(request.getfixturevalue(persona))
    with time_machine.travel(oslo(2026, 4, 1, 12, 0), tick=False):
        with django_assert_max_num_queries(12):
            response = client.get(URL)

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "E-postkurset i tall" in html
    # (last 30 days, total)
    assert "<td>3</td><td>4</td>" in row(html, "Påmeldinger")
    assert "<td>2</td><td>3</td>" in row(html, "Bekreftet")
    assert "<td>5</td><td>10</td>" in row(html, "Leksjoner sendt")
    assert "<td>1</td><td>2</td>" in row(html, "Fullført (fått alle fem)")
    assert "<td>1</td><td>1</td>" in row(html, "Meldt av")
    assert "<td>1</td><td>1</td>" in row(html, "Sendte matchforespørsel etterpå")
    assert "<td>1</td><td>1</td>" in row(html, "Bestilte førstesamtale etterpå")
    assert "Telles når matchskjemaet" not in html
    # Lessons per Oslo day, newest first, days without lessons included.
    assert '<time datetime="2026-04-01">' in html
    assert '<time datetime="2026-03-22">søndag 22. mars 2026</time></td><td>1</td>' in html
    assert "2026-03-02" not in html  # thirty days: 3 March to 1 April
    assert "@example.no" not in html


@pytest.mark.django_db
def test_lessons_per_day_are_counted_on_oslo_dates(verified_client, admin_user, enrol):
    enrol(oslo(2026, 3, 20, 12, 0), email="a@example.no")
    enrol(oslo(2026, 3, 20, 12, 0), email="b@example.no")
    run_job_at(oslo(2026, 3, 21, 9, 0))
    with time_machine.travel(oslo(2026, 3, 22, 0, 30), tick=False):  # 23:30 UTC on the 21st
        html = verified_client(admin_user).get(URL).content.decode()
    assert '<time datetime="2026-03-21">lørdag 21. mars 2026</time></td><td>2</td>' in html
    assert '<time datetime="2026-03-22">søndag 22. mars 2026</time></td><td>0</td>' in html


@pytest.mark.django_db
def test_conversions_show_a_dash_until_the_forms_exist(verified_client, coordinator, lessons):
    html = verified_client(coordinator).get(URL).content.decode()
    assert "<td>–</td><td>–</td>" in row(html, "Sendte matchforespørsel etterpå")
    assert "<td>–</td><td>–</td>" in row(html, "Bestilte førstesamtale etterpå")
    assert "Telles når matchskjemaet og timebestilling er i drift." in html
    assert reverse("admin:course_lesson_changelist") not in html  # coordinators do not edit lessons


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["therapist", "client_person", "stranger"])
def test_others_are_refused(verified_client, persona, request, lessons):
    assert verified_client(request.getfixturevalue(persona)).get(URL).status_code == 403


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in(client, lessons):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/ansatt/logg-inn/")


@pytest.mark.django_db
def test_a_conversion_counts_only_for_someone_who_confirmed_before_it(enrol):
    with time_machine.travel(oslo(2026, 3, 1, 12, 0), tick=False):
        assert services.record_conversion(email="kari@example.no", kind=conversions.MATCH_REQUEST) == 0
    enrol(oslo(2026, 3, 2, 12, 0))
    with time_machine.travel(oslo(2026, 3, 10, 12, 0), tick=False):
        assert services.record_conversion(email="Kari@Example.no", kind=conversions.MATCH_REQUEST) == 1
        assert services.record_conversion(email="kari@example.no", kind=conversions.MATCH_REQUEST) == 0
    assert Enrollment.objects.get().matched_at == oslo(2026, 3, 10, 12, 0)


def test_only_known_conversions_can_be_tracked():
    with pytest.raises(ValueError, match="unknown conversion"):
        conversions.track("newsletter")


@pytest.mark.django_db
def test_the_staff_page_is_not_marked_as_the_public_course_in_the_menu(verified_client, admin_user, lessons):
    assert reverse("course:staff:figures") == URL
    html = verified_client(admin_user).get(URL).content.decode()
    assert 'href="/kurs/5-tegn/" aria-current="page"' not in html
