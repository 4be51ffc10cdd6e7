""" "Usignert journalnotat" on the caseload: a draft left unsigned for more than 24 hours."""

from datetime import date, timedelta

from forlop.booking.tests.conftest import NOW
from forlop.care.journal import services
from forlop.care.models import Course


def write(world, *, at, course=None, by="team_therapist"):
    return services.write_note(
        course=course or world.course,
        by=world.users[by],
        text="Utkast",
        consulted_on=date(2026, 3, 2),
        now=at,
    )


def test_it_flags_a_draft_older_than_24_hours_naming_its_author(world):
    write(world, at=NOW - timedelta(hours=25))
    write(world, at=NOW - timedelta(hours=1))
    [flag] = services.flags_for([world.course.pk], now=NOW)[world.course.pk]
    assert flag.label == "Usignert journalnotat" and flag.kind == "journal_unsigned"
    assert "1 utkast" in flag.why and "Tor Haugen" in flag.why
    assert flag.url == f"/ansatt/forlop/{world.course.pk}/journal/"


def test_it_does_not_flag_fresh_or_signed_notes(world):
    fresh = write(world, at=NOW - timedelta(hours=23))
    old = write(world, at=NOW - timedelta(hours=30))
    services.sign_note(note=old, by=world.users["team_therapist"], now=NOW)
    assert services.flags_for([world.course.pk], now=NOW) == {}
    assert services.flags_for([world.course.pk], now=fresh.created_at + timedelta(hours=24, seconds=1))


def test_it_asks_once_however_many_courses(world, django_assert_num_queries):
    ola_course = Course.objects.exclude(pk=world.course.pk).get()
    write(world, at=NOW - timedelta(days=2))
    write(world, at=NOW - timedelta(days=2), course=ola_course, by="other_therapist")
    with django_assert_num_queries(1):
        flags = services.flags_for([world.course.pk, ola_course.pk], now=NOW)
    assert set(flags) == {world.course.pk, ola_course.pk}
    assert services.flags_for([], now=NOW) == {}
