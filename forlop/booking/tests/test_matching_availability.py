"""The matching engine sees real availability: free first talks and new clients booked this week."""

from datetime import date, timedelta

from forlop.booking.models import ConsultationType
from forlop.matching import engine
from forlop.matching.candidates import candidates
from forlop.scheduling.models import WorkingHours

from .conftest import NOW, oslo
from .helpers import DETAILS, book

MONDAY = date(2026, 3, 2)


def by_id(found):
    return {candidate.id: candidate for candidate in found}


def test_free_first_talks_become_free_slots_and_earliest_days(frozen, profile, other_profile):
    WorkingHours.objects.filter(therapist=other_profile).delete()
    WorkingHours.objects.create(
        therapist=other_profile,
        weekday=3,
        start=oslo("2026-03-05 13:00").time(),
        end=oslo("2026-03-05 15:00").time(),
    )  # Thursday afternoons only
    found = by_id(candidates(week_start=MONDAY))
    kari, ola = found[profile.pk], found[other_profile.pk]
    assert kari.earliest_free_days == 0  # 10:00 today, after the two hours' notice
    assert kari.free_slots == frozenset((day, "formiddag") for day in range(7))
    assert ola.earliest_free_days == 3 and ola.free_slots == frozenset({(3, "ettermiddag")})


def test_a_therapist_without_first_talks_or_hours_has_no_known_free_time(frozen, profile):
    ConsultationType.objects.get(slug="forstesamtale").therapists.remove(profile)
    [kari] = candidates(week_start=MONDAY)
    assert kari.free_slots == frozenset() and kari.earliest_free_days is None


def test_a_full_week_moves_the_earliest_free_day(frozen, profile, first_talk):
    WorkingHours.objects.filter(therapist=profile).exclude(weekday__in=(0, 2)).delete()
    for start in ("10:00", "10:30", "11:00", "11:30"):
        book(therapist=profile, ctype=first_talk, start=oslo(f"2026-03-02 {start}"), now=NOW)
    [kari] = candidates(week_start=MONDAY)
    assert kari.earliest_free_days == 2 and kari.free_slots == frozenset({(2, "formiddag")})


def test_only_new_clients_use_up_the_weekly_capacity(frozen, profile, first_talk, consultation):
    book(therapist=profile, ctype=first_talk, start=oslo("2026-03-03 09:00"), now=NOW)
    book(therapist=profile, ctype=consultation, start=oslo("2026-03-05 09:00"), now=NOW)  # Nora again
    other = DETAILS.__class__(name="Per", email="per@example.no", consent=True)
    book(therapist=profile, ctype=first_talk, start=oslo("2026-03-04 09:00"), now=NOW, details=other)
    book(
        therapist=profile, ctype=first_talk, start=oslo("2026-03-10 09:00"), now=NOW, details=other
    )  # next week
    [kari] = candidates(week_start=MONDAY)
    assert kari.booked_this_week == 2
    [next_week] = candidates(week_start=MONDAY + timedelta(days=7))
    assert next_week.booked_this_week == 0  # Per is not new any more


def test_the_engine_says_when_the_therapist_is_free(frozen, profile):
    result = engine.rank(engine.MatchRequest(), candidates(week_start=MONDAY))
    assert "Ledig tid i dag" in result.ranked[0].reasons


def test_it_takes_the_clock_from_the_caller(db, profile):
    [kari] = candidates(week_start=MONDAY, now=oslo("2026-03-02 11:30"))  # today's hours are over
    assert kari.earliest_free_days == 1
