"""The one place therapist profiles become matching-engine candidates.

It lives in matching, the app on top of therapists and booking, so that it can read both the profiles and
the calendar without either of them importing the other (it used to sit in therapists' services with a late
import of booking's slots).
"""

import datetime

from django.utils import timezone

from forlop.booking.slots import matching_availability
from forlop.therapists.models import Therapist

from .engine import TherapistCandidate


def candidates(
    *, week_start: datetime.date, now: datetime.datetime | None = None
) -> list[TherapistCandidate]:
    """Every published therapist as the matching engine sees them. At most twelve queries, whatever the
    count: five for the profiles, seven for the calendar (forlop.booking.slots.matching_availability).

    `authorised` is the published profile's authorisation: an authorised profession with an HPR number
    (`Therapist.is_authorized`); a change waiting for the admin does not count until it is published.
    `booked_this_week` counts new clients booked in the week starting `week_start` (the capacity is new
    clients per week); `free_slots` and `earliest_free_days` come from free first talks in the seven days
    after `now` (default: the current time)."""
    therapists = list(Therapist.objects.published().with_everything().order_by("pk"))
    calendar = matching_availability(
        [therapist.pk for therapist in therapists], week_start=week_start, now=now or timezone.now()
    )
    return [
        TherapistCandidate(
            id=therapist.pk,
            name=therapist.name,
            languages=frozenset(language.key for language in therapist.languages.all()),
            gender=therapist.gender or None,
            meeting_modes=frozenset(mode.key for mode in therapist.meeting_modes.all()),
            accepting_new=therapist.accepting_new_clients,
            weekly_capacity=therapist.new_clients_per_week,
            booked_this_week=calendar[therapist.pk].new_clients_this_week,
            focus_substances=frozenset(area.key for area in therapist.substances),
            focus_themes=frozenset(area.key for area in therapist.themes),
            methods=frozenset(method.key for method in therapist.methods.all()),
            places=frozenset({therapist.place})
            if therapist.place and therapist.offers_in_person
            else frozenset(),
            medical_detox=therapist.medical_detox,
            authorised=therapist.is_authorized,
            free_slots=calendar[therapist.pk].free_slots,
            earliest_free_days=calendar[therapist.pk].earliest_free_days,
        )
        for therapist in therapists
    ]
