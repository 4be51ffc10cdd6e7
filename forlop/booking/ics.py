"""iCalendar invitations (RFC 5545/5546) for a booking: METHOD:REQUEST when booked or moved, METHOD:CANCEL
when cancelled. Times are UTC (no VTIMEZONE needed); the UID never changes and SEQUENCE grows with every
change, so calendar apps update the one event instead of adding a second."""

from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

from forlop.lib.timezones import clock, to_oslo

from .models import Booking

REQUEST = "REQUEST"
CANCEL = "CANCEL"
PUBLISH = "PUBLISH"  # the "Legg i kalenderen" download: an event to add, not an invitation to answer
FILENAME = "invitasjon.ics"
MIMETYPE = "text/calendar"


def uid_of(booking: Booking) -> str:
    domain = urlsplit(settings.SITE_URL).hostname or "forlop.no"
    return f"booking-{booking.uid}@{domain}"


def invitation(
    booking: Booking, *, method: str, now: datetime, manage_url: str = "", for_therapist: bool = False
) -> bytes:
    if method not in (REQUEST, CANCEL, PUBLISH):
        raise ValueError(f"unknown iTIP method {method}")
    calendar = Calendar()
    calendar.add("prodid", "-//Forløp//Timebestilling//NO")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = Event()
    event.add("uid", uid_of(booking))
    event.add("sequence", booking.ics_sequence)
    event.add("dtstamp", now)
    event.add("dtstart", booking.start_at)
    event.add("dtend", booking.end_at)
    if for_therapist:
        summary = _("%(type)s (Forløp)") % {"type": booking.consultation_type.name}
    else:
        summary = _("%(type)s med %(name)s") % {
            "type": booking.consultation_type.name,
            "name": booking.therapist.name,
        }
    event.add("summary", summary)
    lines = [
        _("Tid: %(time)s (norsk tid)")
        % {"time": f"{to_oslo(booking.start_at):%d.%m.%Y} {clock(booking.start_at)}"},
    ]
    if booking.video_url and method != CANCEL:
        event.add("location", booking.video_url)
        event.add("url", booking.video_url)
        lines.append(_("Videolenke: %(url)s") % {"url": booking.video_url})
    if manage_url:
        lines.append(_("Flytt eller avbestill: %(url)s") % {"url": manage_url})
    event.add("description", "\n".join(lines))
    organizer = vCalAddress(f"mailto:{settings.PRACTICE_EMAIL}")
    organizer.params["cn"] = vText(settings.PRACTICE_NAME)
    event.add("organizer", organizer)
    if booking.client_email and not for_therapist and method != PUBLISH:  # RFC 5546: no ATTENDEE in PUBLISH
        attendee = vCalAddress(f"mailto:{booking.client_email}")
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        event.add("attendee", attendee)
    event.add("status", "CANCELLED" if method == CANCEL else "CONFIRMED")
    event.add("transp", "OPAQUE")
    calendar.add_component(event)
    return calendar.to_ical()


def attachment(booking: Booking, **kwargs) -> tuple[str, bytes, str]:
    return (FILENAME, invitation(booking, **kwargs), MIMETYPE)


def feed(bookings, *, therapist_name: str, now: datetime, calendar_url: str) -> bytes:
    """A therapist's subscription feed (a plain VCALENDAR without METHOD, as calendar apps expect for
    subscriptions). Times, type and video link only: no client names or notes, because a phone's calendar
    syncs to third parties. The staff calendar link leads to the details, behind the login."""
    calendar = Calendar()
    calendar.add("prodid", "-//Forløp//Timebestilling//NO")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Forløp – %(name)s") % {"name": therapist_name})
    calendar.add("x-published-ttl", "PT15M")
    calendar.add("refresh-interval", timedelta(minutes=15), parameters={"VALUE": "DURATION"})
    for booking in bookings:
        event = Event()
        event.add("uid", uid_of(booking))
        event.add("sequence", booking.ics_sequence)
        event.add("dtstamp", now)
        event.add("dtstart", booking.start_at)
        event.add("dtend", booking.end_at)
        event.add("summary", _("%(type)s (Forløp)") % {"type": booking.consultation_type.name})
        lines = [_("Detaljer i kalenderen på Forløp: %(url)s") % {"url": calendar_url}]
        if booking.video_url:
            event.add("location", booking.video_url)
            event.add("url", booking.video_url)
            lines.insert(0, _("Videolenke: %(url)s") % {"url": booking.video_url})
        event.add("description", "\n".join(lines))
        event.add("status", "CONFIRMED")
        event.add("transp", "OPAQUE")
        calendar.add_component(event)
    return calendar.to_ical()
