"""Assigning modules, opening them over time, answers and comments: who sees what, and what is logged."""

from datetime import date, datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from forlop.accounts.testing import login_verified
from forlop.audit.models import AccessLog
from forlop.care.modules import services
from forlop.care.modules.models import Answer, Assignment, Comment
from forlop.lib.timezones import OSLO

from .conftest import START

pytestmark = pytest.mark.django_db

MONDAY = datetime(2026, 3, 9, 9, 0, tzinfo=OSLO)
STAFF = "care_modules:staff"
CRAVING_TEXT = "Det viktigste å vite om suget"  # from the body of suget.nb.md
SLEEP_TEXT = "Stå opp til samme tid hver dag"  # from the body of sovn.nb.md


def staff_url(course, name=STAFF, **kwargs):
    return reverse(name, kwargs={"course_pk": course.pk, **kwargs})


def module_url(slug):
    return reverse("care_modules:mine_module", kwargs={"slug": slug})


def schedule_data(**days):
    data = {}
    for slug, day in days.items():
        data[slug] = "on"
        data[f"{slug}_on"] = day.isoformat()
    return data


@pytest.fixture
def assigned(course, therapist):
    """The craving module opens on 9 March, the sleep module a week later."""
    with time_machine.travel(MONDAY, tick=False):
        services.set_schedule(
            course=course,
            by=therapist,
            schedule={"suget": date(2026, 3, 9), "sovn": date(2026, 3, 16)},
        )
    return course


def person_client(person):
    return login_verified(Client(), person.user)


def test_it_lets_the_therapist_assign_modules_one_a_week_from_the_page(client, course, therapist):
    with time_machine.travel(MONDAY, tick=False):
        login_verified(client, therapist)
        page = client.get(staff_url(course))
        assert page.status_code == 200
        html = page.content.decode()
        # Suggested days: one a week, starting today.
        assert 'value="2026-03-09"' in html and 'value="2026-03-16"' in html
        response = client.post(
            staff_url(course, "care_modules:schedule"),
            schedule_data(motivasjon=date(2026, 3, 9), suget=date(2026, 3, 16)),
        )
    assert response.status_code == 302
    assert dict(Assignment.objects.filter(course=course).values_list("slug", "unlocks_on")) == {
        "motivasjon": date(2026, 3, 9),
        "suget": date(2026, 3, 16),
    }
    assert (
        AccessLog.objects.filter(
            person=course.person, action="create", object_type="care_modules.assignment"
        ).count()
        == 2
    )


def test_it_asks_for_a_day_when_a_module_is_ticked_without_one(client, course, therapist):
    login_verified(client, therapist)
    response = client.post(staff_url(course, "care_modules:schedule"), {"suget": "on", "suget_on": ""})
    assert response.status_code == 400
    assert "Velg dagen modulen skal åpnes." in response.content.decode()
    assert not Assignment.objects.exists()


def test_it_opens_a_module_on_its_day_and_shows_nothing_of_it_before(assigned, person):
    browser = person_client(person)
    with time_machine.travel(datetime(2026, 3, 15, 23, 30, tzinfo=OSLO), tick=False):
        listing = browser.get(reverse("care_modules:mine")).content.decode()
        assert "Søvn uten alkohol og piller" in listing and "Åpnes 16. mars 2026" in listing
        assert module_url("sovn") not in listing
        assert 'aria-current="page">Moduler' in listing  # the Min side tab
        locked = browser.get(module_url("sovn"))
        assert locked.status_code == 200
        assert "åpnes 16. mars 2026" in locked.content.decode()
        assert SLEEP_TEXT not in locked.content.decode()
        assert "<textarea" not in locked.content.decode()
        refused = browser.post(module_url("sovn"), {"action": "share", "svar-sovn-na": "Dårlig"})
        assert refused.status_code == 200 and not Answer.objects.exists()
    with time_machine.travel(datetime(2026, 3, 16, 0, 5, tzinfo=OSLO), tick=False):  # midnight, Oslo time
        opened = browser.get(module_url("sovn")).content.decode()
    assert SLEEP_TEXT in opened and 'name="svar-sovn-na"' in opened


def test_it_keeps_a_draft_to_the_person_until_they_share_it(assigned, person, therapist):
    browser = person_client(person)
    team = login_verified(Client(), therapist)
    with time_machine.travel(datetime(2026, 3, 10, 20, 0, tzinfo=OSLO), tick=False):
        response = browser.post(
            module_url("suget"), {"action": "draft", "svar-siste-bolge": "Etter jobb i går."}
        )
        assert response.status_code == 302
        assert "Etter jobb i går." in browser.get(module_url("suget")).content.decode()
        assert "Etter jobb i går." not in team.get(staff_url(assigned)).content.decode()
        browser.post(
            module_url("suget"), {"action": "share", "svar-siste-bolge": "Etter jobb i går, på bussen."}
        )
        html = team.get(staff_url(assigned)).content.decode()
    assert "Etter jobb i går, på bussen." in html and "Nytt" in html
    answer = Answer.objects.get()
    assert answer.text == "Etter jobb i går, på bussen." and answer.draft == "" and answer.unread


def test_it_keeps_what_was_typed_and_says_why_when_an_answer_is_refused(assigned, person):
    browser = person_client(person)
    too_long = "x" * (services.MAX_ANSWER_CHARS + 1)
    with time_machine.travel(datetime(2026, 3, 10, 20, 0, tzinfo=OSLO), tick=False):
        response = browser.post(
            module_url("suget"), {"action": "share", "svar-siste-bolge": too_long, "svar-verktoy": "Gå tur"}
        )
    assert response.status_code == 400
    html = response.content.decode()
    assert "for langt" in html and "Gå tur" in html and too_long in html
    assert not Answer.objects.exists()


def test_it_shows_the_therapists_comment_to_the_person_and_clears_the_flag(assigned, person, therapist):
    browser = person_client(person)
    team = login_verified(Client(), therapist)
    with time_machine.travel(datetime(2026, 3, 10, 20, 0, tzinfo=OSLO), tick=False):
        browser.post(module_url("suget"), {"action": "share", "svar-verktoy": "Ringe Kari"})
        answer = Answer.objects.get()
        response = team.post(
            staff_url(assigned, "care_modules:comment", answer_pk=answer.pk),
            {f"c{answer.pk}-text": "Fint at du har Kari å ringe. Hva kan du gjøre om hun ikke svarer?"},
        )
        assert response.status_code == 302
        html = browser.get(module_url("suget")).content.decode()
        listing = browser.get(reverse("care_modules:mine")).content.decode()
    assert "Hva kan du gjøre om hun ikke svarer?" in html and "Kommentar fra behandleren din" in html
    assert "1 kommentar fra behandleren din" in listing
    assert services.flags_for([assigned.pk], now=datetime(2026, 3, 11, tzinfo=OSLO)) == {assigned.pk: []}


def test_it_refuses_another_client_and_another_therapist(
    assigned, person, other_person, other_course, other_therapist
):
    with time_machine.travel(datetime(2026, 3, 10, 20, 0, tzinfo=OSLO), tick=False):
        person_client(person).post(module_url("suget"), {"action": "share", "svar-verktoy": "Ringe Kari"})
        answer = Answer.objects.get()
        ola = person_client(other_person)
        assert ola.get(module_url("suget")).status_code == 404  # Ola has no such module: nothing to see
        assert "Ringe Kari" not in ola.get(reverse("care_modules:mine")).content.decode()
        stranger = login_verified(Client(), other_therapist)
        assert stranger.get(staff_url(assigned)).status_code == 403
        refused = stranger.post(
            staff_url(assigned, "care_modules:comment", answer_pk=answer.pk), {f"c{answer.pk}-text": "Hei"}
        )
        assert refused.status_code == 403
        # Another course's page cannot reach this answer either.
        wrong = stranger.post(
            staff_url(other_course, "care_modules:comment", answer_pk=answer.pk),
            {f"c{answer.pk}-text": "Hei"},
        )
        assert wrong.status_code == 404
    assert not Comment.objects.exists()


def test_it_lets_the_coordinator_read_but_not_comment_or_assign(assigned, person, coordinator):
    with time_machine.travel(datetime(2026, 3, 10, 20, 0, tzinfo=OSLO), tick=False):
        person_client(person).post(module_url("suget"), {"action": "share", "svar-verktoy": "Ringe Kari"})
        answer = Answer.objects.get()
        team = login_verified(Client(), coordinator)
        html = team.get(staff_url(assigned)).content.decode()
        assert "Ringe Kari" in html and "Lagre kommentar" not in html and "Tildel moduler" not in html
        assert (
            team.post(
                staff_url(assigned, "care_modules:comment", answer_pk=answer.pk),
                {f"c{answer.pk}-text": "Hei"},
            ).status_code
            == 403
        )
        assert team.post(staff_url(assigned, "care_modules:schedule"), {}).status_code == 403


def test_it_logs_every_read_with_the_person_as_subject(assigned, person, therapist):
    with time_machine.travel(datetime(2026, 3, 10, 20, 0, tzinfo=OSLO), tick=False):
        browser = person_client(person)
        browser.post(module_url("suget"), {"action": "share", "svar-verktoy": "Ringe Kari"})
        mark = AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first()
        browser.get(module_url("suget"))
        own = AccessLog.objects.filter(action="view", pk__gt=mark)
        assert own.count() == 2 and all(
            row.person_id == person.pk and row.actor_kind == "self" for row in own
        )
        mark = AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first()
        login_verified(Client(), therapist).get(staff_url(assigned))
    views = AccessLog.objects.filter(action="view", pk__gt=mark)
    assert {row.object_type for row in views} == {"care.course", "care_modules.answer"}
    assert all(row.person_id == person.pk and row.user_id == therapist.pk for row in views)


def test_it_lets_the_person_mark_a_module_done_and_undo_it(assigned, person):
    browser = person_client(person)
    with time_machine.travel(datetime(2026, 3, 10, 20, 0, tzinfo=OSLO), tick=False):
        browser.post(reverse("care_modules:mine_done", kwargs={"slug": "suget"}), {"done": "1"})
        assert Assignment.objects.get(slug="suget").completed_at is not None
        assert "Fullført" in browser.get(reverse("care_modules:mine")).content.decode()
        browser.post(reverse("care_modules:mine_done", kwargs={"slug": "suget"}), {"done": "0"})
    assert Assignment.objects.get(slug="suget").completed_at is None


def test_it_refuses_to_take_away_a_module_the_person_has_written_in(assigned, person, therapist):
    with time_machine.travel(datetime(2026, 3, 10, 20, 0, tzinfo=OSLO), tick=False):
        person_client(person).post(module_url("suget"), {"action": "draft", "svar-verktoy": "Gå tur"})
        with pytest.raises(services.ModuleError):
            services.set_schedule(course=assigned, by=therapist, schedule={"suget": None})
        services.set_schedule(course=assigned, by=therapist, schedule={"sovn": None})
    assert list(Assignment.objects.values_list("slug", flat=True)) == ["suget"]


def test_it_refuses_writers_outside_the_rules(assigned, person, other_person, other_therapist, coordinator):
    from django.core.exceptions import PermissionDenied

    assignment = Assignment.objects.get(slug="suget")
    with time_machine.travel(datetime(2026, 3, 10, 20, 0, tzinfo=OSLO), tick=False):
        for outsider in (other_therapist, coordinator):
            with pytest.raises(PermissionDenied):
                services.set_schedule(course=assigned, by=outsider, schedule={"motivasjon": date(2026, 3, 9)})
        with pytest.raises(PermissionDenied):
            services.save_answers(
                assignment=assignment, by=other_person.user, answers={"verktoy": "x"}, share=True
            )
        with pytest.raises(services.ModuleError):
            services.save_answers(
                assignment=assignment, by=person.user, answers={"finnes-ikke": "x"}, share=True
            )


def test_it_offers_the_craving_exercise_to_a_person_without_the_module(client, other_course, other_person):
    browser = person_client(other_person)
    response = browser.get(reverse("care_modules:craving_exercise"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Øvelse mot suget" in html and "20–30 minutter" in html
    assert module_url("suget") not in html
    assert AccessLog.objects.filter(person=other_person, action="view").exists()


def test_it_links_the_modules_from_the_mitt_forlop_hub(assigned, person):
    html = person_client(person).get(reverse("care_plan:mine")).content.decode()
    assert reverse("care_modules:mine") in html and reverse("care_modules:craving_exercise") in html


def test_it_tells_a_person_without_a_course_kindly(client, db):
    from forlop.conftest import make_user
    from forlop.people.models import Person

    from .conftest import START

    user = make_user("uten@example.no", is_client=True)
    person = Person.objects.create(email=user.email, name="Uten Forløp", created_at=START, user=user)
    response = person_client(person).get(reverse("care_modules:mine"))
    assert response.status_code == 200
    assert "Du har ikke et forløp hos oss nå" in response.content.decode()


def test_it_keeps_the_text_when_the_database_fails_while_saving(assigned, person, monkeypatch):
    from django.db import OperationalError

    def fail(**kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(services, "save_answers", fail)
    with time_machine.travel(datetime(2026, 3, 10, 20, 0, tzinfo=OSLO), tick=False):
        response = person_client(person).post(
            module_url("suget"), {"action": "share", "svar-verktoy": "Gå en tur"}
        )
    assert response.status_code == 503
    html = response.content.decode()
    assert "Gå en tur" in html and "Ingenting er sendt" in html


def test_an_answer_that_speaks_of_acute_danger_shows_the_emergency_numbers_at_once(
    client, course, person, therapist
):
    from django.urls import reverse

    from forlop.accounts.testing import login_verified
    from forlop.care.modules import services as module_services

    module_services.set_schedule(course=course, by=therapist, schedule={"suget": START.date()}, now=START)
    login_verified(client, person.user)
    url = reverse("care_modules:mine_module", kwargs={"slug": "suget"})
    client.post(url, {"svar-verktoy": "Jeg vil ikke leve lenger", "action": "draft"})
    page = client.get(url).content.decode()
    assert 'role="alert"' in page and page.index('role="alert"') < page.index("113")
    calm = client.post(url, {"svar-verktoy": "Jeg går en tur", "action": "draft"})
    assert "Trenger du akutt hjelp? Ring nå" not in client.get(url).content.decode()
    assert calm.status_code == 302
