import re
from datetime import date, time

import pytest
from django.urls import reverse

from forlop.accounts.testing import login_verified
from forlop.audit.actors import Actor
from forlop.audit.models import AccessLog
from forlop.booking import services
from forlop.booking.models import Booking, CalendarFeed
from forlop.scheduling.models import BookingSettings, DateOverride, WorkingHours

from .conftest import NOW, oslo
from .helpers import book, mails

HOURS = reverse("booking:hours")


def outcome_url(booking) -> str:
    return reverse("booking:outcome", kwargs={"pk": booking.pk})


def cancel_url(booking) -> str:
    return reverse("booking:staff_cancel", kwargs={"pk": booking.pk})


# --- outcomes -----------------------------------------------------------------------------------------------


def test_it_offers_held_and_no_show_only_once_the_consultation_has_started(
    client, frozen, therapist, profile, consultation
):
    result = book(therapist=profile, ctype=consultation, start=oslo("2026-03-02 10:00"), now=NOW)
    login_verified(client, therapist)
    page = client.get(reverse("booking:calendar")).content.decode()
    assert outcome_url(result.booking) not in page and cancel_url(result.booking) in page

    frozen.move_to(oslo("2026-03-02 10:30"))
    login_verified(client, therapist)  # a fresh session: staff sessions end when idle
    page = client.get(reverse("booking:calendar")).content.decode()
    assert outcome_url(result.booking) in page and "Ikke møtt" in page
    response = client.post(outcome_url(result.booking), {"status": "held_done"})
    assert response.status_code == 302
    assert Booking.objects.get().status == Booking.Status.HELD_DONE
    assert "registrert som gjennomført" in client.get(response["Location"]).content.decode()
    # A mistake can be corrected.
    client.post(outcome_url(result.booking), {"status": "no_show"})
    assert Booking.objects.get().status == Booking.Status.NO_SHOW
    assert AccessLog.objects.filter(object_type="booking.booking", action="change").count() == 2


def test_it_refuses_an_outcome_before_the_start_and_an_unknown_outcome(
    client, frozen, therapist, profile, consultation
):
    result = book(therapist=profile, ctype=consultation, start=oslo("2026-03-02 10:00"), now=NOW)
    login_verified(client, therapist)
    response = client.post(outcome_url(result.booking), {"status": "no_show"}, follow=True)
    assert "først når timen har begynt" in response.content.decode()
    frozen.move_to(oslo("2026-03-02 11:00"))
    login_verified(client, therapist)
    response = client.post(outcome_url(result.booking), {"status": "cancelled"}, follow=True)
    assert "Velg om timen ble gjennomført" in response.content.decode()
    assert Booking.objects.get().status == Booking.Status.CONFIRMED


def test_it_refuses_outcomes_on_another_therapists_booking(
    client, frozen, therapist, profile, other_profile, consultation
):
    result = book(therapist=other_profile, ctype=consultation, start=oslo("2026-03-02 10:00"), now=NOW)
    frozen.move_to(oslo("2026-03-02 11:00"))
    login_verified(client, therapist)
    assert client.post(outcome_url(result.booking), {"status": "held_done"}).status_code == 403
    assert client.get(cancel_url(result.booking)).status_code == 403
    assert Booking.objects.get().status == Booking.Status.CONFIRMED


def test_it_keeps_strangers_and_clients_out_of_staff_actions(
    client, frozen, stranger, client_person, profile, consultation
):
    result = book(therapist=profile, ctype=consultation, start=oslo("2026-03-03 10:00"), now=NOW)
    for url in (cancel_url(result.booking), HOURS):
        assert client.get(url).status_code == 302  # to the login
    for person in (stranger, client_person):
        login_verified(client, person)
        assert client.get(cancel_url(result.booking)).status_code == 403
        assert client.post(outcome_url(result.booking), {"status": "no_show"}).status_code == 403
        assert client.get(HOURS).status_code == 403


# --- cancel with a reason and new times ---------------------------------------------------------------------


def test_a_therapist_cancels_with_a_reason_and_suggests_new_times(
    client, frozen, therapist, profile, consultation, django_assert_max_num_queries
):
    result = book(therapist=profile, ctype=consultation, start=oslo("2026-03-03 10:00"), now=NOW)
    login_verified(client, therapist)
    with django_assert_max_num_queries(20):
        response = client.get(cancel_url(result.booking))
    page = response.content.decode()
    assert response.status_code == 200 and "Nora Nordmann" in page
    assert 'value="2026-03-03T10:00:00+00:00"' in page  # 11:00 Oslo, the next free time
    assert 'value="2026-03-03T09:00:00+00:00"' not in page  # its own time is not offered
    assert AccessLog.objects.filter(object_type="booking.booking", action="view").count() == 1

    # Errors keep what was ticked.
    response = client.post(
        cancel_url(result.booking), {"reason": "", "suggestions": ["2026-03-03T10:00:00+00:00"]}
    )
    page = response.content.decode()
    assert response.status_code == 400 and "Skriv en kort årsak" in page
    assert re.search(r'value="2026-03-03T10:00:00\+00:00" id="[^"]+" checked', page)

    response = client.post(
        cancel_url(result.booking),
        {
            "reason": "Terapeuten er syk",
            "suggestions": ["2026-03-03T10:00:00+00:00", "2026-03-04T08:00:00+00:00"],
        },
    )
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert booking.status == Booking.Status.CANCELLED and booking.cancelled_by_practice
    [mail] = mails("booking_cancelled")
    assert "Terapeuten er syk" in mail.body_text
    assert "tirsdag 3. mars kl. 11:00" in mail.body_text and "onsdag 4. mars kl. 09:00" in mail.body_text
    assert "avlyst" in client.get(response["Location"]).content.decode()


def test_it_refuses_a_time_that_was_never_offered(client, frozen, therapist, profile, consultation):
    result = book(therapist=profile, ctype=consultation, start=oslo("2026-03-03 10:00"), now=NOW)
    login_verified(client, therapist)
    response = client.post(
        cancel_url(result.booking), {"reason": "Syk", "suggestions": ["2026-03-03T03:00:00+00:00"]}
    )
    assert response.status_code == 400 and "er ikke ledig lenger" in response.content.decode()
    assert Booking.objects.get().status == Booking.Status.CONFIRMED


def test_a_coordinator_cancels_for_any_therapist(client, frozen, coordinator, other_profile, consultation):
    result = book(therapist=other_profile, ctype=consultation, start=oslo("2026-03-03 10:00"), now=NOW)
    login_verified(client, coordinator)
    assert client.post(cancel_url(result.booking), {"reason": "Omorganisering"}).status_code == 302
    assert Booking.objects.get().status == Booking.Status.CANCELLED


def test_a_past_or_cancelled_booking_cannot_be_cancelled_again(
    client, frozen, therapist, profile, consultation
):
    result = book(therapist=profile, ctype=consultation, start=oslo("2026-03-03 10:00"), now=NOW)
    services.cancel_booking(booking=result.booking, now=NOW, by=Actor.person_self(result.booking.person))
    login_verified(client, therapist)
    response = client.get(cancel_url(result.booking), follow=True)
    assert "kan ikke avlyses lenger" in response.content.decode()


def test_it_is_404_for_an_unknown_booking(client, frozen, therapist, profile):
    login_verified(client, therapist)
    assert client.get(reverse("booking:staff_cancel", kwargs={"pk": 999})).status_code == 404


# --- working hours, overrides, settings ---------------------------------------------------------------------


def hours_post(**data) -> dict:
    week = {f"day_{n}": "" for n in range(7)}
    return {"action": "hours", **week, **data}


def test_a_therapist_sets_several_windows_a_day(client, frozen, therapist, profile):
    login_verified(client, therapist)
    page = client.get(HOURS).content.decode()
    assert 'value="09:00–12:00"' in page
    response = client.post(
        HOURS, hours_post(day_0="09:00–11:30, 12-16", day_2="8.30-10", day_6="18:00 til 24")
    )
    assert response.status_code == 302
    rows = list(WorkingHours.objects.filter(therapist=profile).values_list("weekday", "start", "end"))
    assert rows == [
        (0, time(9), time(11, 30)),
        (0, time(12), time(16)),
        (2, time(8, 30), time(10)),
        (6, time(18), time(0)),
    ]
    assert "Arbeidstiden er lagret" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("9 til banan", "Forstod ikke «9 til banan»"),
        ("12:00-09:00", "må sluttiden være etter starttiden"),
        ("09:00-12:00, 11:00-14:00", "overlapper"),
        ("25:00-26:00", "er ikke et gyldig klokkeslett"),
    ],
)
def test_it_explains_bad_hours_and_keeps_what_was_typed(client, frozen, therapist, profile, text, message):
    login_verified(client, therapist)
    response = client.post(HOURS, hours_post(day_0=text, day_1="10-12"))
    page = response.content.decode()
    assert response.status_code == 400 and message in page
    assert 'value="10-12"' in page
    assert WorkingHours.objects.filter(therapist=profile).count() == 7  # unchanged


def test_a_therapist_takes_a_day_off_and_works_a_holiday(client, frozen, therapist, profile, consultation):
    login_verified(client, therapist)
    response = client.post(HOURS, {"action": "override", "day": "2026-03-04", "kind": "fri", "note": "Kurs"})
    assert response.status_code == 302
    response = client.post(
        HOURS, {"action": "override", "day": "2026-04-06", "kind": "tider", "hours": "10:00-12:00"}
    )  # Easter Monday
    assert response.status_code == 302
    page = client.get(HOURS).content.decode()
    assert "Kurs" in page and "10:00–12:00" in page
    start = reverse("booking:start", kwargs={"slug": profile.slug})
    assert "data-utc" not in client.get(start + "?type=konsultasjon&dag=2026-03-04").content.decode()
    assert "10:00</time>" in client.get(start + "?type=konsultasjon&dag=2026-04-06").content.decode()

    response = client.post(HOURS, {"action": "delete_override", "day": "2026-03-04"})
    assert response.status_code == 302
    assert list(DateOverride.objects.values_list("day", flat=True)) == [date(2026, 4, 6)]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"day": "2026-03-01", "kind": "fri"}, "Datoen har allerede vært"),
        ({"day": "i morgen", "kind": "fri"}, "Skriv datoen som åååå-mm-dd"),
        ({"day": "2026-03-10", "kind": "tider", "hours": ""}, "Skriv inn tidene du jobber"),
        ({"day": "2026-03-10", "kind": "tider", "hours": "kveld"}, "Forstod ikke «kveld»"),
    ],
)
def test_it_explains_a_bad_override(client, frozen, therapist, profile, data, message):
    login_verified(client, therapist)
    response = client.post(HOURS, {"action": "override", **data})
    assert response.status_code == 400 and message in response.content.decode()
    assert not DateOverride.objects.exists()


def test_a_therapist_changes_the_booking_settings(client, frozen, therapist, profile):
    login_verified(client, therapist)
    response = client.post(
        HOURS, {"action": "settings", "min_notice_hours": "24", "horizon_weeks": "4", "max_per_day": "3"}
    )
    assert response.status_code == 302
    row = BookingSettings.objects.get(therapist=profile)
    assert (row.min_notice_hours, row.horizon_weeks, row.max_per_day, row.close_on_holidays) == (
        24,
        4,
        3,
        False,
    )
    response = client.post(HOURS, {"action": "settings", "min_notice_hours": "-1", "horizon_weeks": "99"})
    page = response.content.decode()
    assert response.status_code == 400 and "kan ikke være negativt" in page and "Høyst 52 uker" in page
    assert BookingSettings.objects.get(therapist=profile).min_notice_hours == 24


def test_a_coordinator_edits_any_therapists_hours_but_a_therapist_only_their_own(
    client, frozen, therapist, coordinator, profile, other_profile
):
    login_verified(client, therapist)
    assert client.get(HOURS + f"?terapeut={other_profile.pk}").status_code == 403
    response = client.post(HOURS, hours_post(terapeut=str(other_profile.pk), day_0="10-11"))
    assert response.status_code == 403
    login_verified(client, coordinator)
    page = client.get(HOURS + f"?terapeut={other_profile.pk}").content.decode()
    assert "Ola Terapeut" in page
    response = client.post(HOURS, hours_post(terapeut=str(other_profile.pk), day_0="10-11"))
    assert response.status_code == 302
    assert WorkingHours.objects.filter(therapist=other_profile).count() == 1
    assert WorkingHours.objects.filter(therapist=profile).count() == 7


def test_a_staff_member_without_a_profile_is_told_so(client, frozen, doctor):
    login_verified(client, doctor)
    assert "ingen terapeutprofil" in client.get(HOURS).content.decode()


# --- calendar feed ------------------------------------------------------------------------------------------


def feed_path(page: str) -> str:
    return re.search(r'value="https?://[^/"]+(/kalender/abonnement/[^"]+\.ics)"', page).group(1)


def test_the_feed_shows_times_and_video_link_but_no_names(client, frozen, therapist, profile, consultation):
    book(therapist=profile, ctype=consultation, start=oslo("2026-03-03 10:00"), now=NOW)
    login_verified(client, therapist)
    assert client.post(HOURS, {"action": "feed_new"}).status_code == 302
    path = feed_path(client.get(HOURS).content.decode())
    client.logout()

    response = client.get(path)
    body = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert "DTSTART:20260303T090000Z" in body and "SUMMARY:Konsultasjon (Forløp)" in body
    assert "video.forlop.no" in body
    assert "Nora" not in body and "nora@example.no" not in body and "drikker" not in body
    assert AccessLog.objects.filter(object_type="booking.calendarfeed").count() == 1
    assert len(CalendarFeed.objects.get().token_hash) == 64 and path.split("/")[-1][:-4] not in str(
        CalendarFeed.objects.values_list("token_hash", "salt").get()
    )


def test_a_new_feed_link_revokes_the_old_one(client, frozen, therapist, profile):
    login_verified(client, therapist)
    client.post(HOURS, {"action": "feed_new"})
    old = feed_path(client.get(HOURS).content.decode())
    client.post(HOURS, {"action": "feed_new"})
    new = feed_path(client.get(HOURS).content.decode())
    assert old != new
    assert client.get(old).status_code == 404 and client.get(new).status_code == 200
    client.post(HOURS, {"action": "feed_off"})
    assert client.get(new).status_code == 404
    assert "Lag lenke" in client.get(HOURS).content.decode()


def test_an_unknown_feed_token_is_404(client, db):
    assert client.get(reverse("booking:feed", kwargs={"token": "x" * 43})).status_code == 404
