"""One measure as a form: every item as a radio group (one fieldset per item, as the self-tests), the sex
question for AUDIT and DUDIT (it only picks the cut-off), and for staff the occasion and the day of the paper
form. The answers are checked and scored by forlop.care.measures.scoring; a total from the client is never
read."""

from datetime import date, datetime, time
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from forlop.lib.timezones import OSLO
from forlop.selftest.forms import SEX_CHOICES, Row, field_name

from . import scoring
from .scoring import INSTRUMENTS, Kind, Sex


class MeasureForm(forms.Form):
    use_required_attribute = False  # our own error summary, not the browser's bubbles

    def __init__(
        self,
        *args: Any,
        kind: Kind,
        occasions: list[tuple[str, str]] | None = None,
        today: date | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.instrument = INSTRUMENTS[kind]
        self.result: scoring.Result | None = None
        self.staff = occasions is not None
        self.today = today
        if self.staff:
            self.fields["occasion"] = forms.ChoiceField(
                label=_("Når ble skjemaet fylt ut?"),
                choices=occasions or [],
                error_messages={
                    "required": _("Velg anledningen skjemaet hører til."),
                    "invalid_choice": _("Velg en av anledningene i listen."),
                },
            )
            self.fields["taken_on"] = forms.DateField(
                label=_("Dato på skjemaet"),
                widget=forms.DateInput(attrs={"type": "date"}),
                error_messages={
                    "required": _("Skriv inn datoen skjemaet ble fylt ut."),
                    "invalid": _("Skriv datoen som dd.mm.åååå."),
                },
            )
        for item in self.instrument.items:
            self.fields[field_name(item)] = forms.ChoiceField(
                label=item.text,
                choices=[(str(option.score), option.label) for option in item.options],
                widget=forms.RadioSelect,
                required=False,
                error_messages={
                    "invalid_choice": gettext(
                        "Svaret på spørsmål %(n)s er ikke et av alternativene. Velg ett av svarene i listen."
                    )
                    % {"n": item.n}
                },
            )
        if kind in (Kind.AUDIT, Kind.DUDIT):
            self.fields["sex"] = forms.ChoiceField(
                label=_("Kjønn (brukes bare til å velge riktig grenseverdi)"),
                choices=SEX_CHOICES,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Velg kjønn, eller «Vil ikke oppgi»."),
                    "invalid_choice": _("Velg ett av alternativene for kjønn."),
                },
            )

    @property
    def has_sex(self) -> bool:
        return "sex" in self.fields

    @property
    def rows(self) -> list[Row]:
        count = len(self.instrument.items)
        return [Row(item, self[field_name(item)], count) for item in self.instrument.items]

    @property
    def answers(self) -> list[int | None]:
        cleaned = getattr(self, "cleaned_data", {})
        return [
            int(cleaned[name]) if cleaned.get(name) not in (None, "") else None
            for name in (field_name(item) for item in self.instrument.items)
        ]

    def clean_taken_on(self) -> date:
        taken_on: date = self.cleaned_data["taken_on"]
        if self.today is not None and taken_on > self.today:
            raise forms.ValidationError(gettext("Datoen kan ikke være frem i tid."))
        return taken_on

    def taken_at(self, now: datetime) -> datetime:
        """When the form was filled in: now on Min side; noon (Oslo) of the date on a paper form, or now if
        the paper form is from today."""
        taken_on = self.cleaned_data.get("taken_on")
        if not self.staff or taken_on is None or taken_on == timezone.localtime(now, OSLO).date():
            return now
        return datetime.combine(taken_on, time(12), tzinfo=OSLO)

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        if any(field_name(item) in self.errors for item in self.instrument.items):
            return cleaned  # an answer was not one of the options; never guess what was meant
        answers = self.answers
        for n in scoring.missing_items(self.kind, answers):
            self.add_error(
                field_name(self.instrument.item(n)),
                gettext("Svar på spørsmål %(n)s før du sender skjemaet.") % {"n": n},
            )
        if self.errors:
            return cleaned
        sex = Sex(cleaned["sex"]) if "sex" in cleaned else None
        try:
            self.result = scoring.score(self.kind, answers, sex=sex)
        except scoring.AnswerNotAllowed as exc:  # the choices above already refuse these; belt and braces
            self.add_error(field_name(self.instrument.item(exc.item)), exc.message)
        except scoring.AnswerError as exc:
            self.add_error(None, exc.message)
        return cleaned
