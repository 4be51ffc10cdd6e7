"""The slot answers reuse therapists, types, prices and working rules between requests (slots.py, keyed by the
schedule version the database bumps, scheduling/versioning.py). Every edit must show on the very next request,
whoever makes it and however it is written."""

from datetime import date, time

import pytest
from django.db import connection

from forlop.booking.models import Booking, ConsultationType, TherapistPrice
from forlop.booking.slots import cache, free_slots
from forlop.scheduling import services as scheduling
from forlop.scheduling import versioning
from forlop.scheduling.models import BookingSettings, ScheduleVersion, WorkingHours
from forlop.therapists.models import Therapist

from .conftest import NOW, oslo
from .helpers import book

API = "/api/v1"


def starts(client, therapist, day="2026-03-03", ctype="konsultasjon") -> list[str]:
    response = client.get(f"{API}/therapists/{therapist.slug}/slots?type={ctype}&from={day}&to={day}")
    assert response.status_code == 200, response.content
    return [slot["local_start"][11:16] for slot in response.json()["slots"]]


@pytest.fixture(autouse=True)
def fresh_cache(db):
    if not ScheduleVersion.objects.exists():  # a transactional test before this one flushed the row
        versioning.create_row(connection)
    cache.clear()
    yield
    cache.clear()


def test_a_second_request_reads_only_the_version_and_the_bookings(
    client, frozen, profile, django_assert_num_queries
):
    assert starts(client, profile) == ["09:00", "10:00", "11:00"]  # 50 min + 10 buffer, 09-12
    with django_assert_num_queries(3):  # the rate limit, the version, the busy rows
        assert starts(client, profile) == ["09:00", "10:00", "11:00"]


def test_a_new_booking_is_seen_at_once(client, frozen, profile, consultation):
    assert starts(client, profile) == ["09:00", "10:00", "11:00"]
    book(therapist=profile, ctype=consultation, start=oslo("2026-03-03 09:00"), now=NOW)
    assert starts(client, profile) == ["10:00", "11:00"]


def test_changed_working_hours_are_seen_at_once(client, frozen, profile):
    assert starts(client, profile) == ["09:00", "10:00", "11:00"]
    scheduling.replace_weekly_hours(therapist=profile, windows=[(1, time(13), time(15))])  # Tuesdays
    assert starts(client, profile) == ["13:00", "14:00"]


def test_hours_changed_by_a_bulk_update_or_raw_sql_are_seen_at_once(client, frozen, profile):
    assert starts(client, profile) == ["09:00", "10:00", "11:00"]
    WorkingHours.objects.filter(therapist=profile).update(start=time(10))  # no signals, no save()
    assert starts(client, profile) == ["10:00", "11:00"]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE scheduling_workinghours SET start = %s", ["08:00:00"])
    assert starts(client, profile) == ["08:00", "09:00", "10:00", "11:00"]


def test_a_closed_day_and_a_holiday_are_seen_at_once(client, frozen, profile):
    scheduling.set_date_override(therapist=profile, day=date(2026, 3, 3), windows=())
    assert starts(client, profile) == []
    scheduling.clear_date_override(therapist=profile, day=date(2026, 3, 3))
    assert starts(client, profile) == ["09:00", "10:00", "11:00"]
    # Skjærtorsdag 2026 is 2 April: open while the therapist works holidays, closed once they stop.
    BookingSettings.objects.filter(therapist=profile).update(close_on_holidays=False)
    assert starts(client, profile, day="2026-04-02") == ["09:00", "10:00", "11:00"]
    scheduling.save_settings(
        therapist=profile, min_notice_hours=2, horizon_weeks=8, max_per_day=None, close_on_holidays=True
    )
    assert starts(client, profile, day="2026-04-02") == []


def test_an_unpublished_therapist_or_a_withdrawn_type_is_seen_at_once(client, frozen, profile):
    assert starts(client, profile) == ["09:00", "10:00", "11:00"]
    ConsultationType.objects.get(slug="konsultasjon").therapists.remove(profile)
    response = client.get(f"{API}/therapists/{profile.slug}/slots?type=konsultasjon")
    assert response.status_code == 400 and "type" in response.json()["error"]["fields"]
    Therapist.objects.filter(pk=profile.pk).update(status=Therapist.Status.DRAFT)
    assert client.get(f"{API}/therapists/{profile.slug}/slots?type=forstesamtale").status_code == 404


def test_a_new_own_price_is_charged_at_once(frozen, profile, consultation):
    from forlop.booking import services

    first = services.hold_slot(
        therapist=profile, consultation_type=consultation, start=oslo("2026-03-03 09:00"), now=NOW
    )
    TherapistPrice.objects.create(therapist=profile, consultation_type=consultation, price_ore=90000)
    second = services.hold_slot(
        therapist=profile, consultation_type=consultation, start=oslo("2026-03-03 10:00"), now=NOW
    )
    assert (first.booking.price_ore, second.booking.price_ore) == (49500, 90000)


def test_an_expired_hold_frees_its_time_without_any_edit(client, frozen, profile, consultation):
    from forlop.booking import services

    services.hold_slot(
        therapist=profile, consultation_type=consultation, start=oslo("2026-03-03 09:00"), now=NOW
    )
    assert starts(client, profile) == ["10:00", "11:00"]
    frozen.shift(60 * 60)  # the hold ran out an hour ago; nothing was written since
    assert Booking.objects.get().status == Booking.Status.HELD
    assert starts(client, profile) == ["09:00", "10:00", "11:00"]


def test_without_the_version_row_nothing_is_cached(frozen, profile, consultation):
    ScheduleVersion.objects.all().delete()
    first = free_slots(
        therapist=profile,
        consultation_type=consultation,
        start=oslo("2026-03-03 00:00"),
        end=oslo("2026-03-04 00:00"),
        now=NOW,
    )
    WorkingHours.objects.filter(therapist=profile).update(start=time(10))
    second = free_slots(
        therapist=profile,
        consultation_type=consultation,
        start=oslo("2026-03-03 00:00"),
        end=oslo("2026-03-04 00:00"),
        now=NOW,
    )
    assert (len(first), len(second)) == (3, 2)


def test_a_new_epoch_never_reuses_an_old_entry(frozen, profile, consultation):
    window = {"start": oslo("2026-03-03 00:00"), "end": oslo("2026-03-04 00:00"), "now": NOW}
    assert len(free_slots(therapist=profile, consultation_type=consultation, **window)) == 3
    versioning.drop(connection)  # as if the rows changed behind the triggers' back, then the row made anew
    WorkingHours.objects.filter(therapist=profile).update(start=time(10))
    versioning.create_row(connection)
    versioning.install(connection)
    assert len(free_slots(therapist=profile, consultation_type=consultation, **window)) == 2


def test_the_api_slot_text_is_what_json_would_write_across_the_dst_changes(frozen, profile, consultation):
    import json

    from forlop.booking.slots import schedule_version, slot_json, slots_json

    scheduling.replace_weekly_hours(
        therapist=profile, windows=[(6, time(1), time(4)), (0, time(9), time(12))]
    )
    scheduling.save_settings(therapist=profile, min_notice_hours=2, horizon_weeks=52, max_per_day=None)
    for first, last in [("2026-03-28", "2026-04-01"), ("2026-10-24", "2026-10-28")]:
        window = {"start": oslo(f"{first} 00:00"), "end": oslo(f"{last} 00:00"), "now": NOW}
        expected = [
            slot_json(slot)
            for slot in free_slots(therapist=profile, consultation_type=consultation, **window)
        ]
        text = slots_json(
            therapist_id=profile.pk, consultation_type=consultation, version=schedule_version(), **window
        )
        assert expected and text == json.dumps(expected)


def test_the_version_triggers_come_back_after_every_migrate(client, frozen, profile):
    # SQLite drops a table's triggers when a migration rebuilds it; post_migrate puts them back.
    from forlop.scheduling.apps import _reinstall_version_triggers

    versioning.drop(connection)
    _reinstall_version_triggers(using="default")
    assert starts(client, profile) == ["09:00", "10:00", "11:00"]
    WorkingHours.objects.filter(therapist=profile).update(start=time(10))
    assert starts(client, profile) == ["10:00", "11:00"]
