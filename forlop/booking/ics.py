"""iCalendar invitations (RFC 5545/5546) for a booking: METHOD:REQUEST when booked or moved, METHOD:CANCEL
when cancelled. Times are UTC (no VTIMEZONE needed); the UID never changes and SEQUENCE grows with every
change, so calendar apps update the one event instead of adding a second."""

from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

from forlop.lib.timezones import to_oslo

from .models import Booking

REQUEST = "REQUEST"
CANCEL = "CANCEL"
FILENAME = "invitasjon.ics"
MIMETYPE = "text/calendar"


def uid_of(booking: Booking) -> str:
    domain = urlsplit(settings.SITE_URL).hostname or "forlop.no"
    return f"booking-{booking.uid}@{domain}"


def invitation(
    booking: Booking, *, method: str, now: datetime, manage_url: str = "", for_therapist: bool = False
) -> bytes:
    if method not in (REQUEST, CANCEL):
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
        _("Tid: %(time)s (norsk tid)") % {"time": f"{to_oslo(booking.start_at):%d.%m.%Y %H:%M}"},
    ]
    if booking.video_url and method == REQUEST:
        event.add("location", booking.video_url)
        event.add("url", booking.video_url)
        lines.append(_("Videolenke: %(url)s") % {"url": booking.video_url})
    if manage_url:
        lines.append(_("Flytt eller avbestill: %(url)s") % {"url": manage_url})
    event.add("description", "\n".join(lines))
    organizer = vCalAddress(f"mailto:{settings.PRACTICE_EMAIL}")
    organizer.params["cn"] = vText(settings.PRACTICE_NAME)
    event.add("organizer", organizer)
    if booking.client_email and not for_therapist:
        attendee = vCalAddress(f"mailto:{booking.client_email}")
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        event.add("attendee", attendee)
    event.add("status", "CANCELLED" if method == CANCEL else "CONFIRMED")
    event.add("transp", "OPAQUE")
    calendar.add_component(event)
    return calendar.to_ical()


def attachment(booking: Booking, **kwargs) -> tuple[str, bytes, str]:
    return (FILENAME, invitation(booking, **kwargs), MIMETYPE)
