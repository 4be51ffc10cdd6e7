"""Every public form that writes, and the hold API, while the database refuses the write.

Shared by test_refused_writes.py (in-process, on the test database: SQLite or PostgreSQL) and by
locked_sqlite.py (a SQLite *file* database in its own process, locked by another connection). Each scenario
sets up what the form needs while the database takes writes, sends the form once inside `failing()` (a
context manager that makes the database refuse writes), then once more after the database recovered, and
returns plain data so it can cross a process boundary as JSON:

    status, retry_after, message (the Norwegian text shown), lost (typed fields the page no longer holds),
    stored and outbox (rows the failed attempt left), after (the status of the same request once the database
    takes writes again) and stored_after (the rows that retry wrote).
"""

import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import time, timedelta
from typing import Any

from django.db.models import Model
from django.test import Client
from django.test.utils import override_settings
from django.utils import timezone

from forlop.core.unavailable import MESSAGE

from .shown import lost_fields

Failing = Callable[[], AbstractContextManager[Any]]

CONTACT = {
    "urgent": "no",
    "name": "Kari Nordmann",
    "email": "kari@example.no",
    "phone": "412 34 567",
    "preferred_contact": "email",
    "message": "Jeg drikker mer enn jeg vil, og lurer på om avrusning hjemme er mulig.\nHilsen Kari",
    "consent": "on",
    "website": "",
}
COURSE = {"email": "kari@example.no", "first_name": "Kari", "audience": "self", "consent": "on"}
DETAILS = {
    "name": "Nora Nordmann",
    "email": "nora@example.no",
    "phone": "987 65 432",
    "note": "Jeg drikker for mye i helgene.\nKan vi snakke om det?",
    "consent": "on",
}
API_DETAILS = {
    "name": "Nora Nordmann",
    "email": "nora@example.no",
    "phone": "987 65 432",
    "note": "Jeg drikker for mye.",
    "consent": True,
}


def _count(model: type[Model]) -> int:
    return model._default_manager.count()


def _outbox() -> int:
    from forlop.outbox.models import OutboxMessage

    return _count(OutboxMessage)


def _result(response, *, lost: Callable[[str], list[str]], stored: int, outbox: int) -> dict[str, Any]:
    body = response.content.decode()
    if response.get("Content-Type", "").startswith("application/json"):
        data = json.loads(body)
        message = data.get("error", {}).get("code") == "unavailable" and data["error"]["message"] == str(
            MESSAGE
        )
    else:
        message = str(MESSAGE) in body
    return {
        "status": response.status_code,
        "retry_after": response.get("Retry-After"),
        "message": message,
        "lost": lost(body),
        "stored": stored,
        "outbox": outbox,
    }


def _attempt(
    failing: Failing,
    send: Callable[[], Any],
    *,
    model: type[Model] | None,
    lost: Callable[[str], list[str]],
    stored: Callable[[], int] | None = None,
) -> dict[str, Any]:
    """Send once while the database refuses writes and once after; count what each left behind. `lost`
    names what the page answering the refused send no longer holds of what was typed."""
    stored = stored or (lambda: _count(model) if model else 0)
    rows, mails = stored(), _outbox()
    with failing():
        response = send()
    result = _result(response, lost=lost, stored=stored() - rows, outbox=_outbox() - mails)
    again = send()
    result["after"] = again.status_code
    result["stored_after"] = stored() - rows
    return result


# --- the scenarios ------------------------------------------------------------------------------------------


def contact(failing: Failing) -> dict[str, Any]:
    from forlop.contact.models import ContactEnquiry

    client = Client()
    return _attempt(
        failing,
        lambda: client.post("/kontakt/", CONTACT),
        model=ContactEnquiry,
        lost=lambda page: lost_fields(page, CONTACT),
    )


def course(failing: Failing) -> dict[str, Any]:
    from importlib import import_module

    from forlop.course.models import Enrollment, Lesson

    import_module("forlop.course.migrations.0003_lesson_safety").seed_lessons(Lesson)
    client = Client()
    return _attempt(
        failing,
        lambda: client.post("/kurs/5-tegn/", COURSE),
        model=Enrollment,
        lost=lambda page: lost_fields(page, COURSE),
    )


def match_summary(failing: Failing) -> dict[str, Any]:
    """The answers live in the session until the summary is sent; a refused send keeps them there."""
    from forlop.matching.models import MatchRequest
    from forlop.matching.tests.conftest import STEP_DATA, fill_steps

    client = Client()
    fill_steps(client)
    typed = {
        "name": STEP_DATA[5]["name"],
        "email": STEP_DATA[5]["email"],
        "message": STEP_DATA[5]["message"],
        "physical_health": STEP_DATA[3]["physical_health"],
        "medication": STEP_DATA[3]["medication"],
    }
    return _attempt(
        failing,
        lambda: client.post("/finn-terapeut/oppsummering/"),
        model=MatchRequest,
        # The summary shows every answer again, from the session, which the refused send left untouched.
        lost=lambda page: [name for name, text in typed.items() if text not in page],
    )


def match_step(failing: Failing) -> dict[str, Any]:
    """A step of the match form is kept in the session (in the database): a refused write brings the same
    step back with every answer as sent."""
    from forlop.matching.flow import SESSION_KEY
    from forlop.matching.tests.conftest import STEP_DATA, fill_steps, step_path

    client = Client()
    fill_steps(client, upto=2)
    sent = {**STEP_DATA[3], "physical_health": "Høyt blodtrykk\u202e og NUL-fri tekst"}

    def step_3_kept() -> int:
        return int("3" in client.session.get(SESSION_KEY, {}).get("valid", []))

    return _attempt(
        failing,
        lambda: client.post(step_path(3), {**sent, "action": "next"}),
        model=None,
        lost=lambda page: lost_fields(page, sent),
        stored=step_3_kept,
    )


def _therapist_and_slot():
    from forlop.booking.models import ConsultationType
    from forlop.booking.slots import free_slots
    from forlop.booking.tests.races import seed_consultation_types
    from forlop.scheduling.models import BookingSettings, WorkingHours
    from forlop.therapists.models import Profession, Therapist

    seed_consultation_types()
    therapist = Therapist.objects.filter(slug="feil-terapeut").first()
    ctype = ConsultationType.objects.get(slug="konsultasjon")
    if therapist is None:
        therapist = Therapist.objects.create(
            name="Feil Terapeut",
            slug="feil-terapeut",
            status=Therapist.Status.PUBLISHED,
            profession=Profession.PSYKOLOG,
            hpr_number="1234567",
            bio_short="x",
            bio_long="x",
        )
        for weekday in range(7):
            WorkingHours.objects.create(therapist=therapist, weekday=weekday, start=time(9), end=time(20))
        BookingSettings.objects.create(therapist=therapist, min_notice_hours=0, horizon_weeks=8)
        ctype.therapists.add(therapist)
    now = timezone.now()
    slot = free_slots(
        therapist=therapist,
        consultation_type=ctype,
        start=now + timedelta(days=1),
        end=now + timedelta(days=8),
        now=now,
    )[0]
    return therapist, ctype, slot


def _hold(client: Client) -> str:
    """A held time through the HTML flow; the checkout token from the address it leads to."""
    therapist, ctype, slot = _therapist_and_slot()
    response = client.post(
        f"/bestill/{therapist.slug}/?type={ctype.slug}",
        {"type": ctype.slug, "start": slot.start_utc.isoformat()},
    )
    assert response.status_code == 302, response.status_code
    return response["Location"].rstrip("/").split("/")[-1]


def booking_hold(failing: Failing) -> dict[str, Any]:
    from forlop.booking.models import Booking

    therapist, ctype, slot = _therapist_and_slot()
    client = Client()
    sent = {"start": timezone.localtime(slot.start_utc).isoformat()}  # as the page offers it
    url = f"/bestill/{therapist.slug}/?type={ctype.slug}"
    result = _attempt(
        failing,
        lambda: client.post(url, {"type": ctype.slug, **sent}),
        model=Booking,
        # The same day again, with the chosen time still ticked.
        lost=lambda page: lost_fields(page, sent),
    )
    Booking.objects.all().delete()
    return result


def booking_details(failing: Failing) -> dict[str, Any]:
    from forlop.booking.models import Booking

    client = Client()
    token = _hold(client)

    def with_details() -> int:
        return Booking.objects.exclude(client_name="").count()

    result = _attempt(
        failing,
        lambda: client.post(f"/bestilling/{token}/", DETAILS),
        model=Booking,
        lost=lambda page: lost_fields(page, DETAILS),
        stored=with_details,
    )
    Booking.objects.all().delete()
    return result


def booking_confirm(failing: Failing) -> dict[str, Any]:
    from forlop.booking.models import Booking

    client = Client()
    token = _hold(client)
    assert client.post(f"/bestilling/{token}/", DETAILS).status_code == 302

    def confirmed() -> int:
        return Booking.objects.filter(status=Booking.Status.CONFIRMED).count()

    result = _attempt(
        failing,
        lambda: client.post(f"/bestilling/{token}/se-over/"),
        model=Booking,
        # Nothing is typed on this page; it shows the details again, to confirm once more.
        lost=lambda page: [
            name for name in ("name", "email", "note") if DETAILS[name].split("\n")[0] not in page
        ],
        stored=confirmed,
    )
    Booking.objects.all().delete()
    return result


def booking_move(failing: Failing) -> dict[str, Any]:
    """Moving a confirmed booking from the manage link: the new time stays ticked."""
    from forlop.booking import services
    from forlop.booking.models import Booking
    from forlop.booking.slots import free_slots

    therapist, ctype, slot = _therapist_and_slot()
    now = timezone.now()
    hold = services.hold_slot(therapist=therapist, consultation_type=ctype, start=slot.start_utc, now=now)
    details = services.ClientDetails(name="Nora", email="nora@example.no", phone="", note="", consent=True)
    confirmed = services.confirm_booking(booking=hold.booking, details=details, now=now)
    later = free_slots(
        therapist=therapist,
        consultation_type=ctype,
        start=slot.start_utc + timedelta(days=2),
        end=slot.start_utc + timedelta(days=9),
        now=now,
    )[0]
    sent = {"start": timezone.localtime(later.start_utc).isoformat()}
    client = Client()
    url = f"/timer/{confirmed.manage_token}/flytt/"

    def moved() -> int:
        return Booking.objects.filter(start_at=later.start_utc, status=Booking.Status.CONFIRMED).count()

    result = _attempt(
        failing,
        lambda: client.post(url, sent),
        model=Booking,
        lost=lambda page: lost_fields(page, sent),
        stored=moved,
    )
    Booking.objects.all().delete()
    return result


def _enrollment(*, confirmed: bool):
    from forlop.course import services
    from forlop.course.models import Enrollment

    services.sign_up(email="kari@example.no", first_name="Kari", audience="self", ip_hash="faults")
    enrollment = Enrollment.objects.get(email="kari@example.no")
    if confirmed:
        services.confirm(token=enrollment.token)
    return enrollment


def course_confirm(failing: Failing) -> dict[str, Any]:
    """The button in the sign-up email (nothing typed): the same page and button come back."""
    from forlop.course.models import Enrollment

    enrollment = _enrollment(confirmed=False)
    client = Client()
    result = _attempt(
        failing,
        lambda: client.post(f"/kurs/5-tegn/bekreft/{enrollment.token}/"),
        model=Enrollment,
        lost=lambda page: [] if "Start kurset" in page else ["button"],
        stored=lambda: Enrollment.objects.filter(status=Enrollment.Status.ACTIVE).count(),
    )
    Enrollment.objects.all().delete()
    return result


def course_unsubscribe(failing: Failing) -> dict[str, Any]:
    """Unsubscribing, also a mail client's one-click POST: 503 with Retry-After, which it may retry."""
    from forlop.course.models import Enrollment

    enrollment = _enrollment(confirmed=True)
    client = Client()
    result = _attempt(
        failing,
        lambda: client.post(f"/kurs/5-tegn/avmeld/{enrollment.token}/"),
        model=Enrollment,
        lost=lambda page: [] if "Meld meg av" in page else ["button"],
        stored=lambda: Enrollment.objects.filter(status=Enrollment.Status.UNSUBSCRIBED).count(),
    )
    Enrollment.objects.all().delete()
    return result


def api_hold(failing: Failing) -> dict[str, Any]:
    from forlop.booking.models import Booking

    therapist, ctype, slot = _therapist_and_slot()
    client = Client()
    body = {"therapist": therapist.slug, "type": ctype.slug, "start": slot.start_utc.isoformat()}
    result = _attempt(
        failing,
        lambda: client.post("/api/v1/holds", body, content_type="application/json"),
        model=Booking,
        lost=lambda page: [],
    )
    Booking.objects.all().delete()
    return result


def api_confirm(failing: Failing) -> dict[str, Any]:
    from forlop.booking.models import Booking

    therapist, ctype, slot = _therapist_and_slot()
    client = Client()
    body = {"therapist": therapist.slug, "type": ctype.slug, "start": slot.start_utc.isoformat()}
    token = client.post("/api/v1/holds", body, content_type="application/json").json()["hold"]["token"]

    def confirmed() -> int:
        return Booking.objects.filter(status=Booking.Status.CONFIRMED).count()

    # Without the API's own per-minute limit, the refused write is the confirmation itself.
    with override_settings(BOOKING_API_RATE_LIMIT_PER_MINUTE=0):
        result = _attempt(
            failing,
            lambda: client.post(
                f"/api/v1/holds/{token}/confirm", API_DETAILS, content_type="application/json"
            ),
            model=Booking,
            lost=lambda page: [],
            stored=confirmed,
        )
    Booking.objects.all().delete()
    return result


SCENARIOS: dict[str, Callable[[Failing], dict[str, Any]]] = {
    "contact": contact,
    "course": course,
    "match_step": match_step,
    "match_summary": match_summary,
    "booking_hold": booking_hold,
    "booking_details": booking_details,
    "booking_confirm": booking_confirm,
    "booking_move": booking_move,
    "course_confirm": course_confirm,
    "course_unsubscribe": course_unsubscribe,
    "api_hold": api_hold,
    "api_confirm": api_confirm,
}
SUCCESS = {"api_hold": 201, "api_confirm": 201}


def expected(name: str) -> dict[str, Any]:
    """What every scenario must give: 503 with Retry-After and the message, nothing lost or stored, and the
    same request going through once the database takes writes again."""
    return {
        "status": 503,
        "retry_after": "30",
        "message": True,
        "lost": [],
        "stored": 0,
        "outbox": 0,
        "after": SUCCESS.get(name, 302),
        "stored_after": 1,
    }
