"""What a person does from Min side that changes something: leave the email course, withdraw a match
request, ask for deletion. Each takes `by=` (the person's own account) and writes its own record in its own
transaction; the views only call these."""

from datetime import datetime
from typing import Any

from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import timezone

from forlop.accounts.models import User
from forlop.booking.models import Booking
from forlop.contact.models import ContactEnquiry
from forlop.course import services as course_services
from forlop.course.models import Enrollment
from forlop.matching import services as matching_services
from forlop.matching.models import CloseReason, MatchRequest
from forlop.people.models import Person

from .models import DeletionRequest


class NotYours(Exception):
    """The row does not belong to the person acting."""


def _check_actor(person: Person, by: User) -> None:
    if person.user_id != by.pk:
        raise NotYours("only the person themselves may do this from Min side")


@transaction.atomic
def request_deletion(
    *, person: Person, by: User, note: str = "", now: datetime | None = None
) -> DeletionRequest:
    """Record that the person asks for their account and data to be deleted. One open request at a time: a
    second ask while one is open returns the open one (with its first note)."""
    _check_actor(person, by)
    Person.objects.select_for_update().filter(pk=person.pk).first()  # two clicks at once make one request
    open_request = DeletionRequest.objects.filter(person=person, handled_at__isnull=True).first()
    if open_request is not None:
        return open_request
    return DeletionRequest.objects.create(
        person=person, requested_by=by, requested_at=now or timezone.now(), note=note.strip()[:1000]
    )


def leave_course(*, person: Person, enrollment_id: int, by: User) -> course_services.UnsubscribeOutcome:
    """Leave the email course through the course's own unsubscribe (queued lessons are stopped too)."""
    _check_actor(person, by)
    enrollment = Enrollment.objects.filter(pk=enrollment_id, person=person).first()
    if enrollment is None:
        raise NotYours("no such course sign-up for this person")
    return course_services.unsubscribe(token=enrollment.token)


def withdraw_match_request(*, person: Person, request_id: int, by: User) -> bool:
    """Withdraw consent for an open match request: it is closed as withdrawn, so nobody works on it or sends
    suggestions any more (it is deleted with the other requests when retention comes). False when it was no
    longer open."""
    _check_actor(person, by)
    match_request = MatchRequest.objects.filter(pk=request_id, person=person).first()
    if match_request is None:
        raise NotYours("no such match request for this person")
    if not match_request.is_open:
        return False
    try:
        matching_services.close_request(
            match_request=match_request, reason=CloseReason.WITHDRAWN, by=by, note="Min side"
        )
    except matching_services.RequestChanged:
        return False
    return True


# --- Export -------------------------------------------------------------------------------------------------

# Fields that are machinery, not information about the person (hashes of links, internal keys).
HIDDEN_FIELDS = {
    "checkout_token_hash",
    "manage_token_hash",
    "manage_salt",
    "video_room",
    "ics_sequence",
    "idempotency_key",
    "token",
    "email_hash",
    "person",
    "user",
    "doctor_decided_by",
    "handled_by",
    "requested_by",
}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _rows(queryset) -> list[dict[str, Any]]:
    """Each row as {field name: value}, with the field's label for people reading the HTML page."""
    rows = []
    for obj in queryset:
        fields = [f for f in obj._meta.concrete_fields if f.name not in HIDDEN_FIELDS]
        data = model_to_dict(obj, fields=[f.name for f in fields])
        for field in fields:  # model_to_dict leaves out non-editable fields
            data[field.name] = getattr(obj, field.attname)
        rows.append({name: _plain(value) for name, value in data.items()})
    return rows


def labels(model) -> dict[str, str]:
    return {f.name: str(f.verbose_name) for f in model._meta.concrete_fields}


SECTIONS = (
    ("bookings", Booking, "bookings"),
    ("match_requests", MatchRequest, "match_requests"),
    ("enquiries", ContactEnquiry, "enquiries"),
    ("course", Enrollment, "course_enrollments"),
    ("deletion_requests", DeletionRequest, "deletion_requests"),
)


def export(*, person: Person) -> dict[str, Any]:
    """Everything the practice holds about the person in these apps, as plain JSON-able values."""
    data: dict[str, Any] = {
        "person": {"email": person.email, "name": person.name, "created_at": person.created_at.isoformat()}
    }
    for key, _model, related in SECTIONS:
        data[key] = _rows(getattr(person, related).all())
    return data
