"""The pages inside a course, in the order the tabs show them. Each sub-app names its staff page here; a
section whose URL is not installed is left out (so the list never links to a page that does not exist)."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import Course


@dataclass(frozen=True)
class Section:
    key: str
    title: str | Promise
    url_name: str


SECTIONS = (
    Section("kartlegging", _("Kartlegging"), "care_assessment:assessment"),
    Section("abstinens", _("Abstinens"), "care_withdrawal:series"),
    Section("nedtrapping", _("Nedtrapping"), "care_tapering:plans"),
    Section("behandlingsplan", _("Behandlingsplan"), "care_plan:plan"),
    Section("journal", _("Journal"), "care_journal:notes"),
    Section("innsjekk", _("Innsjekk og fremgang"), "care_checkin:staff"),
    Section("moduler", _("Moduler"), "care_modules:staff"),
    Section("skjemaer", _("Skjemaer"), "care_measures:staff"),
    Section("tilbakefall", _("Tilbakefallsplan"), "care_relapse:staff"),
    Section("meldinger", _("Meldinger"), "care_messaging:staff"),
)


def for_course(course: Course) -> list[dict[str, object]]:
    found: list[dict[str, object]] = [
        {
            "key": "oversikt",
            "title": _("Oversikt"),
            "url": reverse("care:course", kwargs={"course_pk": course.pk}),
        }
    ]
    for section in SECTIONS:
        try:
            url = reverse(section.url_name, kwargs={"course_pk": course.pk})
        except NoReverseMatch:
            continue
        found.append({"key": section.key, "title": section.title, "url": url})
    return found
