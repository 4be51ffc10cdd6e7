"""The daily check-in on Min side: today, yesterday (late), never older; one per day; across midnight and DST;
only the person; the staff page only for the team."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse

from forlop.audit.models import AccessLog
from forlop.care import services as care
from forlop.care.checkin import services
from forlop.care.checkin.models import CheckIn
from forlop.care.models import Phase

from .conftest import answers, approve_taper, at, form_data

TODAY = date(2026, 3, 2)
YESTERDAY = date(2026, 3, 1)


def test_the_person_checks_in_today_in_one_form(world):
    nora = world.client_for("the_person")
    page = nora.get(reverse("care_checkin:mine"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Har du hatt tanker om å ta livet ditt siden sist?" in html
    assert "Tok du dosen som planlagt?" not in html  # no taper: no taper questions
    assert 'name="craving"' in html and 'type="radio"' in html
    assert "<script" not in html.split("<main", 1)[-1]  # no JavaScript needed
    response = nora.post(
        reverse("care_checkin:mine"),
        form_data(TODAY, craving=6, used=True, substances=["alkohol"], amount="noe", amount_text="fire øl"),
    )
    assert response.status_code == 302
    saved = CheckIn.objects.get(course=world.course, day=TODAY)
    assert (saved.craving, saved.used, saved.substances, saved.amount_text) == (
        6,
        True,
        ["alkohol"],
        "fire øl",
    )
    assert not saved.late
    page = nora.get(response.url).content.decode()
    assert "Du har sjekket inn 1 dag på rad." in page
    assert "Du har vært ærlig om 1 dag med bruk, og det hjelper oss å hjelpe deg." in page


def test_what_was_used_comes_from_the_courses_substances(world):
    html = world.client_for("the_person").get(reverse("care_checkin:mine")).content.decode()
    assert 'value="alkohol"' in html
    assert 'value="cannabis"' not in html  # not Nora's course's substance
    assert 'value="annet"' in html
    response = world.client_for("the_person").post(
        reverse("care_checkin:mine"), form_data(TODAY, used=True, substances=["cannabis"])
    )
    assert response.status_code == 400
    assert not CheckIn.objects.exists()


def test_used_yes_asks_what(world):
    response = world.client_for("the_person").post(reverse("care_checkin:mine"), form_data(TODAY, used=True))
    assert response.status_code == 400
    assert "Kryss av for hva du brukte." in response.content.decode()


def test_the_person_may_enter_yesterday_late_and_correct_it(world):
    nora = world.client_for("the_person")
    assert "Innsjekk for i går" in nora.get(reverse("care_checkin:mine_yesterday")).content.decode()
    nora.post(reverse("care_checkin:mine_yesterday"), form_data(YESTERDAY, craving=7))
    late = CheckIn.objects.get(course=world.course, day=YESTERDAY)
    assert late.late and late.craving == 7
    nora.post(reverse("care_checkin:mine_yesterday"), form_data(YESTERDAY, craving=3))
    assert CheckIn.objects.get(course=world.course, day=YESTERDAY).craving == 3
    assert CheckIn.objects.count() == 1
    assert AccessLog.objects.filter(why="Innsjekk rettet", person=world.nora).exists()


def test_an_older_day_is_refused(world):
    response = world.client_for("the_person").post(reverse("care_checkin:mine"), form_data(date(2026, 2, 28)))
    assert response.status_code == 400
    assert "Du kan bare sjekke inn for i dag eller i går." in response.content.decode()
    assert not CheckIn.objects.exists()
    with pytest.raises(services.CheckinRejected):
        services.save_checkin(
            by=world.users["the_person"], course=world.course, day=date(2026, 3, 3), answers=answers()
        )


def test_the_database_keeps_one_check_in_per_day(world):
    services.save_checkin(by=world.users["the_person"], course=world.course, day=TODAY, answers=answers())
    first = CheckIn.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        CheckIn.objects.create(
            course=world.course,
            day=TODAY,
            craving=1,
            used=False,
            mood=3,
            sleep=2,
            created_at=first.created_at,
            updated_at=first.created_at,
        )


def test_a_form_shown_before_midnight_and_sent_after_saves_for_the_day_shown(world, time_machine):
    time_machine.move_to(at(2026, 3, 2, 23, 58), tick=False)
    nora = world.client_for("the_person")
    html = nora.get(reverse("care_checkin:mine")).content.decode()
    assert 'value="2026-03-02"' in html
    time_machine.move_to(at(2026, 3, 3, 0, 1), tick=False)
    nora.post(reverse("care_checkin:mine"), form_data(TODAY, craving=5))
    saved = CheckIn.objects.get()
    assert saved.day == TODAY and saved.late  # entered on the 3rd: a late entry for the 2nd
    # and the new day's form is for the 3rd
    assert 'value="2026-03-03"' in nora.get(reverse("care_checkin:mine")).content.decode()


@pytest.mark.parametrize(
    ("moment", "today"),
    [
        (at(2026, 3, 29, 0, 30), date(2026, 3, 29)),  # the night the clocks go forward
        (at(2026, 3, 29, 23, 59), date(2026, 3, 29)),
        (at(2026, 10, 25, 2, 30), date(2026, 10, 25)),  # the hour that happens twice
        (at(2026, 10, 25, 23, 59), date(2026, 10, 25)),
    ],
)
def test_check_ins_keep_to_oslo_days_across_dst(world, time_machine, moment, today):
    time_machine.move_to(moment, tick=False)
    nora = world.client_for("the_person")
    assert f'value="{today.isoformat()}"' in nora.get(reverse("care_checkin:mine")).content.decode()
    assert nora.post(reverse("care_checkin:mine"), form_data(today)).status_code == 302
    assert CheckIn.objects.get().day == today


def test_the_streak_survives_a_dst_change(world, time_machine):
    user, course = world.users["the_person"], world.course
    for day, hh in ((date(2026, 3, 28), 22), (date(2026, 3, 29), 23), (date(2026, 3, 30), 0)):
        moment = at(day.year, day.month, day.day, hh, 30)
        time_machine.move_to(moment, tick=False)
        services.save_checkin(
            by=user, course=course, day=day, answers=answers(used=day.day == 29, substances=["alkohol"])
        )
    streak = services.streak_for(course, now=at(2026, 3, 30, 9))
    assert (streak.days, streak.use_days) == (3, 1)


def test_taper_questions_appear_only_on_days_an_approved_plan_covers(world):
    approve_taper(world.course, world.users["team_doctor"], first=date(2026, 3, 3), days=7)
    nora = world.client_for("the_person")
    assert "Tok du dosen som planlagt?" not in nora.get(reverse("care_checkin:mine")).content.decode()
    with time_machine.travel(at(2026, 3, 4, 9), tick=False):
        nora = world.client_for("the_person")
        html = nora.get(reverse("care_checkin:mine")).content.decode()
        assert "Tok du dosen som planlagt?" in html
        assert "Har du hatt abstinenssymptomer?" in html
        response = nora.post(reverse("care_checkin:mine"), form_data(date(2026, 3, 4)))
        assert response.status_code == 400  # the dose and withdrawal questions are required in a taper
        nora.post(reverse("care_checkin:mine"), form_data(date(2026, 3, 4), dose="delvis", withdrawal="lett"))
        saved = CheckIn.objects.get()
        assert (saved.taper, saved.dose, saved.withdrawal) == (True, "delvis", "lett")


def test_a_person_without_an_open_course_gets_a_kind_page(world):
    care.change_phase(
        course=world.course,
        to=Phase.AVSLUTTET,
        by=world.users["team_therapist"],
        closing_summary="Avsluttet.",
    )
    nora = world.client_for("the_person")
    for name in ("care_checkin:mine", "care_checkin:progress", "care_checkin:mine_yesterday"):
        page = nora.get(reverse(name))
        assert page.status_code == 200
        assert "Du har ikke et behandlingsforløp hos oss nå" in page.content.decode()


def test_only_the_person_sees_and_writes_their_check_ins(world):
    services.save_checkin(
        by=world.users["the_person"], course=world.course, day=TODAY, answers=answers(craving=9)
    )
    ola = world.client_for("another_client")
    # Ola's pages are about Ola's course: Nora's 9 never shows
    assert ">9<" not in ola.get(reverse("care_checkin:progress")).content.decode()
    assert ola.get(reverse("care_checkin:saved", kwargs={"day": TODAY.isoformat()})).status_code == 404
    for persona in ("anonymous",):
        assert world.client_for(persona).get(reverse("care_checkin:mine")).status_code == 302
    for persona in ("team_therapist", "team_doctor", "admin"):
        assert world.client_for(persona).get(reverse("care_checkin:mine")).status_code == 403
    with pytest.raises(PermissionDenied):
        services.save_checkin(
            by=world.users["team_therapist"], course=world.course, day=TODAY, answers=answers()
        )


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("team_therapist", 200),
        ("team_doctor", 200),
        ("coordinator", 200),
        ("other_therapist", 403),
        ("other_doctor", 403),
        ("admin", 403),
        ("the_person", 403),
        ("another_client", 403),
    ],
)
def test_the_staff_page_is_for_the_team_only(world, persona, status):
    url = reverse("care_checkin:staff", kwargs={"course_pk": world.course.pk})
    assert world.client_for(persona).get(url).status_code == status


def test_every_read_is_logged_with_the_person_as_subject(world):
    services.save_checkin(by=world.users["the_person"], course=world.course, day=TODAY, answers=answers())
    before = AccessLog.objects.filter(person=world.nora).count()
    world.client_for("the_person").get(reverse("care_checkin:progress"))
    world.client_for("team_therapist").get(
        reverse("care_checkin:staff", kwargs={"course_pk": world.course.pk})
    )
    rows = AccessLog.objects.filter(person=world.nora).order_by("pk")[before:]
    purposes = {r.why for r in rows}
    assert "Min side: min fremgang" in purposes
    assert "Behandling: innsjekk og fremgang" in purposes
