"""Demo bookability for `make run`: every demo therapist offers the free first talk and consultations, those
who work with relatives offer the relatives' talk, doctors the doctor's consultation; weekly hours vary so
the slot picker shows daytime and evening times. Idempotent (hours are replaced, types are set)."""

from datetime import time

from django.conf import settings
from django.core.management.base import CommandError

from forlop.scheduling.services import replace_weekly_hours
from forlop.therapists.models import Therapist

from .models import ConsultationType

# (weekday 0=Monday, start, end) in Oslo wall-clock time.
WEEK_PATTERNS: tuple[tuple[tuple[int, time, time], ...], ...] = (
    tuple((day, time(9), time(15)) for day in range(5)),
    tuple((day, time(12), time(20)) for day in (1, 2, 3)),
    tuple(w for day in (0, 2, 4) for w in ((day, time(8), time(11, 30)), (day, time(12, 30), time(16)))),
    tuple((day, time(16), time(21)) for day in (0, 1, 2, 3)),
)


def load(stdout) -> None:
    if not settings.DEMO_DATA_ALLOWED:
        raise CommandError("Demodata lastes aldri i produksjon.")
    types = {t.slug: t for t in ConsultationType.objects.all()}
    therapists = list(Therapist.objects.published().prefetch_related("focus_areas").order_by("slug"))
    for index, therapist in enumerate(therapists):
        offered = [types[slug] for slug in ("forstesamtale", "konsultasjon") if slug in types]
        if "parorende" in types and any(area.key == "parorende" for area in therapist.focus_areas.all()):
            offered.append(types["parorende"])
        if "legekonsultasjon" in types and therapist.is_physician:
            offered.append(types["legekonsultasjon"])
        for consultation_type in offered:
            consultation_type.therapists.add(therapist)
        replace_weekly_hours(therapist=therapist, windows=WEEK_PATTERNS[index % len(WEEK_PATTERNS)])
    stdout.write(f"Timebestilling: arbeidstid og konsultasjonstyper for {len(therapists)} terapeuter.")
