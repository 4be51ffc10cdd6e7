"""The team's schedule form: one row per module, assigned or not, with the day it opens."""

from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from . import catalog
from .models import Assignment


def suggested_days(assignments: dict[str, Assignment], *, today: date) -> dict[str, date]:
    """Unassigned modules in reading order get one a week, after the last module already planned."""
    last = max([a.unlocks_on for a in assignments.values()] + [today - timedelta(weeks=1)])
    found: dict[str, date] = {}
    for slug in catalog.slugs():
        if slug in assignments:
            found[slug] = assignments[slug].unlocks_on
        else:
            last = last + timedelta(weeks=1)
            found[slug] = last
    return found


class ScheduleForm(forms.Form):
    """`<slug>` (assigned?) and `<slug>_on` (opens) for every module in the catalog."""

    def __init__(self, data: Any = None, *, assignments: dict[str, Assignment], today: date) -> None:
        initial: dict[str, Any] = {}
        days = suggested_days(assignments, today=today)
        for slug in catalog.slugs():
            initial[slug] = slug in assignments
            initial[f"{slug}_on"] = days[slug]
        super().__init__(data, initial=initial)
        for module in catalog.all_modules():
            self.fields[module.slug] = forms.BooleanField(label=module.title, required=False)
            self.fields[f"{module.slug}_on"] = forms.DateField(
                label=_("Åpnes"),
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            )

    def rows(self) -> list[dict]:
        return [
            {"module": module, "check": self[module.slug], "day": self[f"{module.slug}_on"]}
            for module in catalog.all_modules()
        ]

    def clean(self) -> dict:
        data = super().clean() or {}
        for slug in catalog.slugs():
            if data.get(slug) and not data.get(f"{slug}_on") and f"{slug}_on" not in self.errors:
                self.add_error(f"{slug}_on", _("Velg dagen modulen skal åpnes."))
        return data

    def schedule(self) -> dict[str, date | None]:
        return {
            slug: (self.cleaned_data[f"{slug}_on"] if self.cleaned_data.get(slug) else None)
            for slug in catalog.slugs()
        }


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Kommentar til personen"),
        help_text=_("Personen ser kommentaren under svaret sitt på Min side."),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
