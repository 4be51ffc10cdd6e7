"""On the autumn DST day (Sunday 25 October 2026) 02:00-02:59 happens twice in Oslo. The picker, the summary,
the emails and the calendar file label the two "02:00" apart instead of showing the same label twice."""

from datetime import UTC, datetime, time

import pytest
import time_machine

from forlop.booking.models import Booking
from forlop.lib.timezones import OSLO, clock
from forlop.scheduling.models import WorkingHours

from .helpers import DETAILS, ics_of, mails

SATURDAY_EVENING = datetime(2026, 10, 24, 18, 0, tzinfo=OSLO)
FIRST_TWO = datetime(2026, 10, 25, 0, 0, tzinfo=UTC)  # 02:00 summer time (+02)
SECOND_TWO = datetime(2026, 10, 25, 1, 0, tzinfo=UTC)  # 02:00 winter time (+01)


@pytest.fixture
def night_hours(profile):
    """A test override: working hours on the night the clocks go back."""
    WorkingHours.objects.filter(therapist=profile, weekday=6).update(start=time(1), end=time(4))
    return profile


@pytest.fixture
def on_the_day():
    with time_machine.travel(SATURDAY_EVENING, tick=False) as traveller:
        yield traveller


def test_the_clock_labels_only_the_hour_that_happens_twice():
    assert clock(FIRST_TWO) == "02:00 (sommertid)"
    assert clock(SECOND_TWO) == "02:00 (vintertid)"
    assert clock(datetime(2026, 10, 24, 23, 30, tzinfo=UTC)) == "01:30"
    assert clock(datetime(2026, 10, 25, 2, 0, tzinfo=UTC)) == "03:00"
    assert clock(datetime(2026, 3, 29, 1, 0, tzinfo=UTC)) == "03:00"  # spring: the hour that never was


def test_the_picker_never_shows_the_same_time_twice(client, on_the_day, night_hours):
    response = client.get(f"/bestill/{night_hours.slug}/?type=konsultasjon&dag=2026-10-25")
    page = response.content.decode()
    labels = [label.split(">", 2)[-1].split("<")[0] for label in page.split('<label for="slot-')[1:]]
    assert labels, page
    assert len(labels) == len(set(labels)), labels
    assert "02:00 (sommertid)" in labels and "02:00 (vintertid)" in labels


def test_the_booking_emails_and_calendar_file_label_the_second_two_oclock(client, on_the_day, night_hours):
    from forlop.booking import services

    ctype = night_hours.consultation_types.get(slug="konsultasjon")
    hold = services.hold_slot(
        therapist=night_hours, consultation_type=ctype, start=SECOND_TWO, now=SATURDAY_EVENING
    )
    services.confirm_booking(booking=hold.booking, details=DETAILS, now=SATURDAY_EVENING)
    [message] = mails("booking_confirmed")
    assert "02:00 (vintertid)" in message.subject and "02:00 (vintertid)" in message.body_text
    assert "02:00 (vintertid)" in ics_of(message).replace("\r\n ", "")
    assert Booking.objects.get().status == Booking.Status.CONFIRMED
    page = client.get(f"/bestilling/{hold.token}/bekreftet/").content.decode()
    assert "02:00 (vintertid)" in page
