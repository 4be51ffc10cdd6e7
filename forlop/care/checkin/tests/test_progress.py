"""My progress: the charts and the table from fixed check-ins, the same for the person and the team."""

from datetime import date, timedelta

from django.urls import reverse

from forlop.care.checkin import progress, services
from forlop.care.checkin.models import CheckIn
from forlop.care.withdrawal import services as withdrawal
from forlop.lib import charts

from .conftest import answers, at

TODAY = date(2026, 3, 2)


def make(course, day, **changes):
    fields = answers(**changes)
    fields.pop("sleep_hours")
    return CheckIn(course=course, day=day, created_at=at(2026, 3, 2), updated_at=at(2026, 3, 2), **fields)


def test_the_charts_are_drawn_from_the_check_ins(world):
    rows = [
        make(world.course, TODAY - timedelta(days=3), craving=8, mood=2),
        make(world.course, TODAY - timedelta(days=2), craving=6, mood=3, used=True, substances=["alkohol"]),
        make(world.course, TODAY, craving=3, mood=4),
    ]
    shown = progress.build(rows, [], today=TODAY)
    assert "3 målinger fra 27.2.2026 kl. 12:00 til 2.3.2026 kl. 12:00." in shown.craving_chart
    assert "Siste verdi 3." in shown.craving_chart
    assert "Høyeste verdi 8" in shown.craving_chart
    assert "Siste verdi 4." in shown.mood_chart
    assert (shown.checkin_days, shown.use_days) == (3, 1)
    assert "De siste 28 dagene: 3 dager med innsjekk. 1 av dem med bruk." in shown.use_chart
    assert shown.use_chart.count('class="chart-day ') == progress.WINDOW
    assert shown.use_chart.count("chart-day--danger") == 1
    assert shown.use_chart.count("chart-day--calm") == 2
    assert [c.day for c in shown.checkins] == [TODAY, TODAY - timedelta(days=2), TODAY - timedelta(days=3)]


def test_a_chart_point_sits_at_noon_oslo_even_on_a_dst_day():
    assert progress.noon(date(2026, 3, 29)).utcoffset() == timedelta(hours=2)
    assert progress.noon(date(2026, 3, 28)).utcoffset() == timedelta(hours=1)


def test_the_day_chart_marks_days_with_nothing_recorded():
    svg = charts.day_chart(
        [
            charts.DayMark(date(2026, 3, 1), None, "ingen innsjekk"),
            charts.DayMark(date(2026, 3, 2), "calm", "ok"),
        ],
        title="Dager",
        desc="To dager.",
    )
    assert 'role="img"' in svg and "<desc" in svg and "To dager." in svg
    assert "chart-day--none" in svg and "chart-day--calm" in svg
    assert "Ingen dager" in charts.day_chart([], title="x", desc="y")


def test_the_person_and_the_team_see_the_same_charts_and_scale_scores(world):
    user = world.users["the_person"]
    for n, craving in ((2, 7), (1, 5), (0, 2)):
        day = TODAY - timedelta(days=n)
        CheckIn.objects.create(
            course=world.course,
            day=day,
            created_at=at(2026, 3, 2),
            updated_at=at(2026, 3, 2),
            **{k: v for k, v in answers(craving=craving).items() if k != "sleep_hours"},
        )
    withdrawal.record_entry(
        course=world.course,
        by=world.users["team_doctor"],
        instrument="ciwa_ar",
        answers=[2, 2, 2, 2, 2, 2, 2, 1, 1, 1],
        taken_at=at(2026, 3, 2, 7),
    )
    assert services.streak_for(world.course, now=at(2026, 3, 2, 9)).days == 3
    mine = world.client_for("the_person").get(reverse("care_checkin:progress")).content.decode()
    staff = (
        world.client_for("team_therapist")
        .get(reverse("care_checkin:staff", kwargs={"course_pk": world.course.pk}))
        .content.decode()
    )
    for page in (mine, staff):
        assert "Sug over tid (0-10)" in page
        assert "Humør over tid" in page
        assert "Dager med og uten bruk, siste 4 uker" in page
        assert "CIWA-Ar over tid" in page
        assert "Innsjekkene, nyeste først" in page
    assert "Du har sjekket inn 3 dager på rad." in mine
    assert "Innsjekk på rad: 3 dager, 0 av dem med bruk." in staff
    del user
