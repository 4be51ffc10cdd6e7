"""Help on the same day: for a request that no triage rule flags, the thank-you page shows the engine's top
suggestions at once, each with why it fits and the next free first talk, and a button straight into booking.

A read, not a write: nothing here changes the request. Flagged requests never get this (they wait for a
doctor or a coordinator, and are told so). The suggestions come from the request as it was stored, so the
person sees the same therapists and reasons the coordinator sees; the free times are looked up now.
"""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from forlop.booking.models import ConsultationType
from forlop.booking.slots import INTAKE_TYPE_SLUG, free_slots_for_many
from forlop.therapists.models import Therapist

LOOKAHEAD = datetime.timedelta(days=14)


@dataclass(frozen=True)
class Offer:
    therapist: Therapist
    reasons: tuple[str, ...]
    next_start: datetime.datetime  # aware, UTC
    booking_url: str


def same_day_offers(suggestions: Iterable[Mapping[str, Any]], *, now: datetime.datetime) -> list[Offer]:
    """The suggested therapists who still take new clients and have a free first talk within two weeks, in
    the engine's order. Five queries, whatever the number of suggestions."""
    suggested = [(int(item["therapist_id"]), tuple(item.get("reasons") or ())) for item in suggestions]
    if not suggested:
        return []
    intake = ConsultationType.objects.active().filter(slug=INTAKE_TYPE_SLUG).first()
    if intake is None:
        return []
    therapists = {
        therapist.pk: therapist
        for therapist in Therapist.objects.published().filter(
            pk__in=[pk for pk, _ in suggested], accepting_new_clients=True, consultation_types=intake
        )
    }
    slots = free_slots_for_many(
        therapist_ids=sorted(therapists), consultation_type=intake, start=now, end=now + LOOKAHEAD, now=now
    )
    offers = []
    for pk, reasons in suggested:
        found = slots.get(pk)
        if pk not in therapists or not found:
            continue
        first = found[0]
        url = reverse("booking:start", kwargs={"slug": therapists[pk].slug})
        day = first.start_local.date().isoformat()
        offers.append(Offer(therapists[pk], reasons, first.start_utc, f"{url}?type={intake.slug}&dag={day}"))
    return offers
