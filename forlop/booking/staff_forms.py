"""Forms for the staff calendar: weekly hours, date overrides, booking settings, cancelling a booking.

Weekly hours are one text field per weekday ("09:00–11:30, 12:00–16:00"): several windows a day without
JavaScript or a grid of add/remove buttons, and easy to read back.
"""

import re
from datetime import date, time

from django import forms
from django.utils.translation import gettext_lazy as _

from forlop.lib.dates import DayField
from forlop.scheduling.models import WEEKDAYS, BookingSettings

MAX_SUGGESTIONS = 5
_TIME = r"(\d{1,2})(?:[:.](\d{2}))?"
_WINDOW = re.compile(rf"^\s*{_TIME}\s*(?:-|–|—|til)\s*{_TIME}\s*$")
MIDNIGHT = time(0)


def _clock(hours: str, minutes: str | None) -> time | None:
    hour, minute = int(hours), int(minutes or 0)
    if hour == 24 and minute == 0:
        return MIDNIGHT  # "til 24" means midnight at the end of the day
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def parse_windows(text: str) -> list[tuple[time, time]]:
    """'09:00-11:30, 12-16' → [(09:00, 11:30), (12:00, 16:00)], sorted. ValidationError in Norwegian."""
    windows: list[tuple[time, time]] = []
    for part in re.split(r"[,;\n]", text):
        if not part.strip():
            continue
        found = _WINDOW.match(part)
        if found is None:
            raise forms.ValidationError(
                _("Forstod ikke «%(part)s». Skriv tidsrom som 09:00–11:30, skilt med komma."),
                params={"part": part.strip()},
            )
        start, end = _clock(found[1], found[2]), _clock(found[3], found[4])
        if start is None or end is None:
            raise forms.ValidationError(
                _("«%(part)s» er ikke et gyldig klokkeslett."), params={"part": part.strip()}
            )
        if not (end > start or end == MIDNIGHT):
            raise forms.ValidationError(
                _("I «%(part)s» må sluttiden være etter starttiden."), params={"part": part.strip()}
            )
        windows.append((start, end))
    windows.sort()
    for (_s1, end1), (start2, _e2) in zip(windows, windows[1:], strict=False):
        if end1 == MIDNIGHT or start2 < end1:
            raise forms.ValidationError(_("Tidsrommene overlapper hverandre. Slå dem sammen til ett."))
    return windows


def format_windows(windows) -> str:
    return ", ".join(f"{start:%H:%M}–{end:%H:%M}" for start, end in windows)


WINDOWS_HELP = _("For eksempel 09:00–11:30, 12:00–16:00. La feltet stå tomt hvis du ikke jobber denne dagen.")


class WeeklyHoursForm(forms.Form):
    """One field per weekday, named day_0 (Monday) … day_6 (Sunday)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for weekday, label in WEEKDAYS:
            self.fields[f"day_{weekday}"] = forms.CharField(
                label=str(label).capitalize(),
                required=False,
                max_length=200,
                help_text=WINDOWS_HELP if weekday == 0 else "",
                widget=forms.TextInput(attrs={"inputmode": "text", "autocomplete": "off"}),
            )

    def clean(self):
        cleaned = super().clean()
        for weekday, _label in WEEKDAYS:
            name = f"day_{weekday}"
            if name in cleaned:
                try:
                    cleaned[f"windows_{weekday}"] = parse_windows(cleaned[name])
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return cleaned

    def windows(self) -> list[tuple[int, time, time]]:
        return [
            (weekday, start, end)
            for weekday, _label in WEEKDAYS
            for start, end in self.cleaned_data.get(f"windows_{weekday}", [])
        ]

    @staticmethod
    def initial_from(rows) -> dict[str, str]:
        by_day: dict[int, list[tuple[time, time]]] = {}
        for row in rows:
            by_day.setdefault(row.weekday, []).append((row.start, row.end))
        return {f"day_{day}": format_windows(sorted(windows)) for day, windows in by_day.items()}


class OverrideForm(forms.Form):
    DAY_OFF = "fri"
    HOURS = "tider"

    day = DayField(
        label=_("Dato"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("Velg datoen avviket gjelder."),
            "invalid": _("Skriv datoen som åååå-mm-dd, for eksempel 2026-05-18."),
        },
    )
    kind = forms.ChoiceField(
        label=_("Hva gjelder denne dagen?"),
        choices=[(DAY_OFF, _("Jeg har fri")), (HOURS, _("Jeg jobber disse tidene i stedet"))],
        widget=forms.RadioSelect,
        initial=DAY_OFF,
        error_messages={"required": _("Velg om du har fri eller jobber andre tider.")},
    )
    hours = forms.CharField(
        label=_("Tider"),
        required=False,
        max_length=200,
        help_text=_(
            "Bare hvis du jobber: for eksempel 10:00–14:00. Gjelder i stedet for ukens vanlige tider."
        ),
    )
    note = forms.CharField(label=_("Merknad til deg selv"), required=False, max_length=120)

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_day(self) -> date:
        day = self.cleaned_data["day"]
        if day < self.today:
            raise forms.ValidationError(_("Datoen har allerede vært. Velg i dag eller en senere dag."))
        return day

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == self.HOURS:
            try:
                windows = parse_windows(cleaned.get("hours", ""))
            except forms.ValidationError as error:
                self.add_error("hours", error)
                return cleaned
            if not windows:
                self.add_error("hours", _("Skriv inn tidene du jobber, eller velg at du har fri."))
            cleaned["windows"] = windows
        else:
            cleaned["windows"] = []
        return cleaned


class SettingsForm(forms.Form):
    min_notice_hours = forms.IntegerField(
        label=_("Minste varsel (timer)"),
        min_value=0,
        max_value=24 * 14,
        help_text=_("Hvor mange timer før en time den senest kan bestilles på nettet."),
        error_messages={
            "required": _("Skriv inn antall timer (0 betyr at det kan bestilles helt til timen begynner)."),
            "invalid": _("Skriv et helt tall."),
            "min_value": _("Varselet kan ikke være negativt."),
            "max_value": _("Varselet kan være høyst %(limit_value)s timer (to uker)."),
        },
    )
    horizon_weeks = forms.IntegerField(
        label=_("Hvor langt frem klienter kan bestille (uker)"),
        min_value=1,
        max_value=52,
        error_messages={
            "required": _("Skriv inn antall uker."),
            "invalid": _("Skriv et helt tall."),
            "min_value": _("Minst én uke."),
            "max_value": _("Høyst %(limit_value)s uker."),
        },
    )
    max_per_day = forms.IntegerField(
        label=_("Høyst antall timer per dag"),
        required=False,
        min_value=1,
        max_value=30,
        help_text=_("La feltet stå tomt for ingen grense."),
        error_messages={
            "invalid": _("Skriv et helt tall, eller la feltet stå tomt."),
            "min_value": _("Minst én time per dag, eller la feltet stå tomt."),
            "max_value": _("Høyst %(limit_value)s timer per dag."),
        },
    )
    close_on_holidays = forms.BooleanField(label=_("Stengt på helligdager"), required=False)

    @staticmethod
    def initial_from(row: BookingSettings) -> dict:
        return {
            "min_notice_hours": row.min_notice_hours,
            "horizon_weeks": row.horizon_weeks,
            "max_per_day": row.max_per_day,
            "close_on_holidays": row.close_on_holidays,
        }


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Årsak (sendes til klienten)"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Skriv kort og uten helseopplysninger, for eksempel «Terapeuten er syk»."),
        error_messages={
            "required": _("Skriv en kort årsak. Klienten får den i e-posten om avlysningen."),
            "max_length": _("Årsaken kan ha høyst %(limit_value)d tegn (nå er den %(show_value)d)."),
        },
    )
    suggestions = forms.MultipleChoiceField(
        label=_("Foreslå nye tider"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kryss av for opptil %(count)s ledige tider som foreslås i e-posten.")
        % {"count": MAX_SUGGESTIONS},
        error_messages={"invalid_choice": _("Tiden %(value)s er ikke ledig lenger. Velg en annen.")},
    )

    def __init__(self, *args, choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["suggestions"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = choices

    def clean_suggestions(self) -> list[str]:
        chosen = self.cleaned_data["suggestions"]
        if len(chosen) > MAX_SUGGESTIONS:
            raise forms.ValidationError(_("Velg høyst %(count)s tider."), params={"count": MAX_SUGGESTIONS})
        return chosen
