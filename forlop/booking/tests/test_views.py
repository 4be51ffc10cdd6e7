import re

import pytest
from django.urls import reverse

from forlop.accounts.testing import login_verified
from forlop.audit.actors import Actor
from forlop.audit.models import AccessLog
from forlop.booking import services, tokens
from forlop.booking.models import Booking

from .conftest import NOW, oslo
from .helpers import book, mails


def start_url(profile, **params) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("booking:start", kwargs={"slug": profile.slug}) + (f"?{query}" if query else "")


def test_it_lists_the_types_a_therapist_offers_with_prices(
    client, frozen, profile, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        response = client.get(start_url(profile))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Uforpliktende førstesamtale" in page and "Gratis" in page
    assert "495\xa0kr" in page
    assert "Legekonsultasjon" not in page  # doctors only
    assert "Set-Cookie" not in response.headers or "session" not in response.headers.get("Set-Cookie", "")


def test_it_is_404_for_an_unknown_or_unpublished_therapist(client, frozen, profile):
    assert client.get(reverse("booking:start", kwargs={"slug": "finnes-ikke"})).status_code == 404
    profile.status = profile.Status.DRAFT
    profile.save()
    assert client.get(start_url(profile)).status_code == 404


def test_it_shows_the_free_times_of_a_day_in_oslo_time(
    client, frozen, profile, consultation, django_assert_max_num_queries
):
    book(therapist=profile, ctype=consultation, start=oslo("2026-03-03 10:00"), now=NOW)
    # Not yet stored (pagecache.py): the page's fingerprint, the view, the fingerprint again. Stored: 2.
    with django_assert_max_num_queries(14):
        response = client.get(start_url(profile, type="konsultasjon", dag="2026-03-03"))
    page = response.content.decode()
    assert response.status_code == 200
    times = re.findall(r'data-utc="[^"]+">(\d\d:\d\d)</time>', page)
    assert times == ["09:00", "11:00"]
    assert "Ledige tider tirsdag 3. mars" in page


def test_it_uses_the_same_number_of_queries_whatever_is_booked(
    client, frozen, profile, consultation, django_assert_max_num_queries
):
    for day in range(3, 9):
        book(therapist=profile, ctype=consultation, start=oslo(f"2026-03-0{day} 09:00"), now=NOW)
    with django_assert_max_num_queries(14):  # not yet stored (pagecache.py); 2 once stored
        assert client.get(start_url(profile, type="konsultasjon", fra="2026-03-03")).status_code == 200


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2026-03-29", ["09:00", "10:00", "11:00"]),  # spring forward
        ("2026-10-25", ["09:00", "10:00", "11:00"]),  # fall back
    ],
)
def test_it_shows_wall_clock_times_on_dst_days(client, profile, day, expected):
    import time_machine

    with time_machine.travel(oslo(f"{day} 00:30").replace(day=int(day[-2:]) - 2), tick=False):
        page = client.get(start_url(profile, type="konsultasjon", dag=day)).content.decode()
    assert re.findall(r'data-utc="[^"]+">(\d\d:\d\d)</time>', page) == expected


def test_it_books_through_the_whole_flow_without_javascript(client, frozen, profile, consultation):
    response = client.post(start_url(profile), {"type": "konsultasjon", "start": "2026-03-03T09:00:00+00:00"})
    assert response.status_code == 302
    details_url = response["Location"]
    page = client.get(details_url).content.decode()
    assert "10:00" in page and "Vi holder av tiden for deg til kl. 08:10" in page

    # Errors keep what was typed.
    response = client.post(
        details_url, {"name": "Nora", "email": "ikke-epost", "phone": "123", "note": "Hei"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Skriv inn en gyldig e-postadresse" in page and "som et telefonnummer" in page
    assert "Du må krysse av for samtykke" in page
    assert 'value="Nora"' in page and "Hei</textarea>" in page

    response = client.post(
        details_url,
        {"name": "Nora Nordmann", "email": "nora@example.no", "phone": "41234567", "consent": "on"},
    )
    assert response.status_code == 302
    review_url = response["Location"]
    page = client.get(review_url).content.decode()
    assert "Nora Nordmann" in page and "495\xa0kr" in page and "+4741234567" in page

    response = client.post(review_url)
    assert response.status_code == 302
    done = client.get(response["Location"])
    assert done.status_code == 200 and "Timen er bestilt" in done.content.decode()
    assert "video.forlop.no" not in done.content.decode()  # the room link is only in emails and calendars
    booking = Booking.objects.get()
    assert booking.status == Booking.Status.CONFIRMED and booking.client_phone == "+4741234567"
    assert len(mails("booking_confirmed")) == 1

    # Submitting the confirmation again creates nothing new.
    assert client.post(review_url).status_code == 302
    assert Booking.objects.count() == 1 and len(mails("booking_confirmed")) == 1


def test_it_offers_the_nearest_times_when_the_slot_was_just_taken(client, frozen, profile, consultation):
    book(therapist=profile, ctype=consultation, start=oslo("2026-03-03 10:00"), now=NOW)
    response = client.post(start_url(profile), {"type": "konsultasjon", "start": "2026-03-03T09:00:00Z"})
    page = response.content.decode()
    assert response.status_code == 409
    assert "Denne tiden ble akkurat tatt — velg en annen" in page
    assert "Nærmeste ledige tider" in page and 'value="2026-03-03T11:00:00+01:00"' in page


@pytest.mark.parametrize("start", ["", "i morgen", "2026-03-03T09:00:00"])
def test_it_rejects_an_unreadable_time(client, frozen, profile, start):
    response = client.post(start_url(profile), {"type": "konsultasjon", "start": start})
    assert response.status_code == 400
    assert not Booking.objects.exists()


def test_it_rate_limits_holds(client, frozen, profile, settings):
    settings.BOOKING_HOLD_RATE_LIMIT_PER_HOUR = 1
    client.post(start_url(profile), {"type": "konsultasjon", "start": "2026-03-03T08:00:00Z"})
    response = client.post(start_url(profile), {"type": "konsultasjon", "start": "2026-03-03T09:00:00Z"})
    assert response.status_code == 429 and Booking.objects.count() == 1


def test_it_says_when_the_hold_ran_out(client, frozen, profile, consultation):
    hold = services.hold_slot(
        therapist=profile, consultation_type=consultation, start=oslo("2026-03-03 10:00")
    )
    frozen.shift(60 * 11)
    response = client.get(reverse("booking:details", kwargs={"token": hold.token}))
    assert response.status_code == 410
    page = response.content.decode()
    assert "Tiden er ikke lenger holdt av" in page and "Reservasjonen gikk ut" not in page
    assert "Hold av tiden igjen" in page  # the same time, still free


def test_it_is_404_for_an_unknown_token(client, frozen, db):
    assert client.get(reverse("booking:details", kwargs={"token": "x" * 43})).status_code == 404
    assert client.get(reverse("booking:manage", kwargs={"token": "x" * 43})).status_code == 404


def test_it_cancels_through_the_manage_link(client, frozen, profile, consultation):
    result = book(therapist=profile, ctype=consultation, start=oslo("2026-03-05 10:00"), now=NOW)
    url = reverse("booking:manage", kwargs={"token": result.manage_token})
    page = client.get(url).content.decode()
    assert "Du kan avbestille gratis til onsdag 4. mars kl. 10:00" in page
    cancel_url = reverse("booking:cancel", kwargs={"token": result.manage_token})
    assert f'href="{cancel_url}"' in page
    response = client.post(cancel_url)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Timen er avbestilt" in page
    assert Booking.objects.get().status == Booking.Status.CANCELLED


def test_avbestill_timen_asks_first_and_says_what_cancelling_means(client, frozen, profile, consultation):
    result = book(therapist=profile, ctype=consultation, start=oslo("2026-03-05 10:00"), now=NOW)
    manage_url = reverse("booking:manage", kwargs={"token": result.manage_token})
    # The manage page's "Avbestill timen" (and a form from an older page) only leads to the question.
    response = client.post(manage_url, {"action": "cancel"})
    assert response.status_code == 302 and Booking.objects.get().status == Booking.Status.CONFIRMED
    page = client.get(response["Location"]).content.decode()
    assert "Er du sikker på at du vil avbestille?" in page
    assert "Avbestillingen er gratis, fordi det er før onsdag 4. mars kl. 10:00." in page
    assert "Tiden blir ledig for andre" in page and "Nei, behold timen" in page
    assert Booking.objects.get().status == Booking.Status.CONFIRMED


def test_a_late_cancellation_is_named_before_it_is_made(client, frozen, profile, consultation):
    result = book(therapist=profile, ctype=consultation, start=oslo("2026-03-02 11:00"), now=NOW)
    page = client.get(reverse("booking:cancel", kwargs={"token": result.manage_token})).content.decode()
    assert "registreres som sen avbestilling" in page
    client.post(reverse("booking:cancel", kwargs={"token": result.manage_token}))
    assert Booking.objects.get().status == Booking.Status.LATE_CANCELLED


def test_a_cancelled_or_past_booking_has_nothing_to_confirm(client, frozen, profile, consultation):
    result = book(therapist=profile, ctype=consultation, start=oslo("2026-03-05 10:00"), now=NOW)
    url = reverse("booking:cancel", kwargs={"token": result.manage_token})
    client.post(url)
    assert client.get(url).status_code == 302
    assert client.post(url).status_code == 302


def test_it_moves_through_the_manage_link(client, frozen, profile, consultation):
    result = book(therapist=profile, ctype=consultation, start=oslo("2026-03-05 10:00"), now=NOW)
    url = reverse("booking:move", kwargs={"token": result.manage_token})
    page = client.get(url + "?dag=2026-03-05").content.decode()
    times = re.findall(r'data-utc="[^"]+">(\d\d:\d\d)</time>', page)
    assert "10:00" in times  # its own time is not busy for itself
    response = client.post(url, {"start": "2026-03-06T10:00:00Z"})
    assert response.status_code == 302 and "flyttet" in response["Location"]
    assert Booking.objects.get().start_at == oslo("2026-03-06 11:00")


def test_it_keeps_the_old_link_working_after_a_move(client, frozen, profile, consultation):
    result = book(therapist=profile, ctype=consultation, start=oslo("2026-03-05 10:00"), now=NOW)
    services.reschedule_booking(
        booking=result.booking, start=oslo("2026-03-06 09:00"), by=Actor.person_self(result.booking.person)
    )
    assert tokens.manage_token(Booking.objects.get()) == result.manage_token
    assert client.get(reverse("booking:manage", kwargs={"token": result.manage_token})).status_code == 200


def test_it_shows_a_therapist_their_own_week(client, frozen, therapist, profile, consultation):
    book(therapist=profile, ctype=consultation, start=oslo("2026-03-03 10:00"), now=NOW)
    login_verified(client, therapist)
    response = client.get(reverse("booking:calendar"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nora Nordmann" in page and "Jeg drikker for mye." in page and "09:00–12:00" in page
    assert AccessLog.objects.filter(object_type="booking.booking").count() == 1


def test_it_refuses_a_therapist_another_therapists_calendar(
    client, frozen, therapist, profile, other_profile
):
    login_verified(client, therapist)
    assert client.get(reverse("booking:calendar") + f"?terapeut={other_profile.pk}").status_code == 403


def test_it_lets_a_coordinator_see_any_therapist(client, frozen, coordinator, profile, other_profile):
    login_verified(client, coordinator)
    response = client.get(reverse("booking:calendar") + f"?terapeut={other_profile.pk}")
    assert response.status_code == 200 and "Ola Terapeut" in response.content.decode()


def test_it_keeps_strangers_out_of_the_calendar(client, frozen, stranger, profile):
    assert client.get(reverse("booking:calendar")).status_code in (302, 403)
    login_verified(client, stranger)
    assert client.get(reverse("booking:calendar")).status_code in (302, 403)


def test_the_profile_links_to_booking_only_when_something_can_be_booked(client, frozen, profile):
    from forlop.booking.models import ConsultationType

    url = reverse("therapists:detail", kwargs={"slug": profile.slug})
    assert start_url(profile) in client.get(url).content.decode()
    for ctype in ConsultationType.objects.all():
        ctype.therapists.remove(profile)
    page = client.get(url).content.decode()
    assert start_url(profile) not in page and "Bestill time" not in page


@pytest.mark.parametrize(
    "query",
    [
        "type=forstesamtale&fra=9999-12-25",
        "type=forstesamtale&dag=9999-12-31",
        "type=forstesamtale&dag=0001-01-01",
    ],
)
def test_dates_far_outside_any_calendar_never_break_the_picker(client, frozen, profile, query):
    response = client.get(f"/bestill/{profile.slug}/?{query}")
    assert response.status_code == 200
    assert "Velg dag og tid" in response.content.decode()


@pytest.mark.parametrize("start", ["9999-12-31T23:59:59+00:00", "0001-01-01T00:30:00+01:00", "ikke en tid"])
def test_a_posted_start_far_outside_any_calendar_is_a_clear_message(client, frozen, profile, start):
    response = client.post(f"/bestill/{profile.slug}/", {"type": "forstesamtale", "start": start})
    assert response.status_code == 400  # the picker again, with the message; never a server error
    assert "Tidspunktet var ikke gyldig" in response.content.decode()
    assert not Booking.objects.exists()


def test_the_staff_calendar_ignores_a_week_far_outside_any_calendar(client, frozen, profile, therapist):
    login_verified(client, therapist)
    assert client.get("/ansatt/kalender/?uke=9999-12-31").status_code == 200


def test_the_checkout_link_stops_showing_the_address_after_half_an_hour(
    client, frozen, profile, consultation
):
    result = book(therapist=profile, ctype=consultation, start=oslo("2026-03-03 10:00"), now=NOW)
    booking = result.booking
    token = tokens.checkout_token(booking)
    assert "nora@example.no" in client.get(f"/bestilling/{token}/bekreftet/").content.decode()
    frozen.shift(31 * 60)
    html = client.get(f"/bestilling/{token}/bekreftet/").content.decode()
    assert "nora@example.no" not in html and "e-postadressen du oppga" in html
