"""Test helper shared by the apps whose tests need published therapist profiles."""

import itertools
from typing import Any

from .models import FocusArea, Language, MeetingMode, Method, Profession, Therapist

_numbers = itertools.count(1)


def make_therapist(
    *,
    focus: tuple[str, ...] = ("alkohol",),
    methods: tuple[str, ...] = ("kognitiv_terapi",),
    languages: tuple[str, ...] = ("nb",),
    modes: tuple[str, ...] = ("video",),
    **fields: Any,
) -> Therapist:
    """A published profile with the given vocabulary keys; any model field can be overridden."""
    n = next(_numbers)
    values: dict[str, Any] = {
        "name": f"Terapeut Nummer{n}",
        "slug": f"terapeut-{n}",
        "status": Therapist.Status.PUBLISHED,
        "profession": Profession.PSYKOLOG,
        "hpr_number": "1234567",
        "bio_short": "Jeg hjelper deg med å finne en vei videre.",
        "bio_long": "Første avsnitt.\n\nAndre avsnitt.",
        "gender": "kvinne",
    }
    values.update(fields)
    therapist = Therapist.objects.create(**values)
    therapist.focus_areas.set(FocusArea.objects.filter(key__in=focus))
    therapist.methods.set(Method.objects.filter(key__in=methods))
    therapist.languages.set(Language.objects.filter(key__in=languages))
    therapist.meeting_modes.set(MeetingMode.objects.filter(key__in=modes))
    return therapist
