"""The check-in form: radio buttons and check boxes only (big touch targets, no JavaScript); the questions
about a taper are there only when an approved plan covers the day. The service checks everything again."""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Amount, Dose, Mood, Sleep, Symptom, Withdrawal

YES_NO = [("ja", _("Ja")), ("nei", _("Nei"))]
CRAVING = [(str(n), str(n)) for n in range(11)]


class CheckInForm(forms.Form):
    # The day the person saw on the page, so a form sent just after midnight still saves for that day (the
    # service accepts only today and yesterday).
    day = forms.DateField(widget=forms.HiddenInput)
    craving = forms.TypedChoiceField(
        label=_("Hvor sterkt har suget vært?"),
        help_text=_("0 er ikke noe sug, 10 er det sterkeste du kan tenke deg."),
        choices=CRAVING,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Velg hvor sterkt suget var, 0-10.")},
    )
    used = forms.ChoiceField(
        label=_("Har du brukt rusmidler?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": _("Svar ja eller nei.")},
    )
    substances = forms.MultipleChoiceField(
        label=_("Hvis ja: hva?"), required=False, widget=forms.CheckboxSelectMultiple
    )
    amount = forms.ChoiceField(
        label=_("Hvis ja: hvor mye?"),
        choices=Amount.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    amount_text = forms.CharField(
        label=_("Med egne ord (valgfritt)"),
        help_text=_("For eksempel «fire øl» eller «to tabletter»."),
        max_length=200,
        required=False,
    )
    mood = forms.TypedChoiceField(
        label=_("Hvordan har humøret vært?"),
        choices=[(str(v), label) for v, label in Mood.choices],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Velg hvordan humøret har vært.")},
    )
    sleep = forms.TypedChoiceField(
        label=_("Hvordan sov du i natt?"),
        choices=[(str(v), label) for v, label in Sleep.choices],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Velg hvordan du har sovet.")},
    )
    sleep_hours = forms.DecimalField(
        label=_("Omtrent hvor mange timer? (valgfritt)"),
        min_value=Decimal(0),
        max_value=Decimal(24),
        decimal_places=1,
        max_digits=3,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.5"}),
    )
    suicide_thoughts = forms.ChoiceField(
        label=_("Har du hatt tanker om å ta livet ditt siden sist?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": _("Svar ja eller nei.")},
    )
    seizure = forms.ChoiceField(
        label=_("Har du hatt krampeanfall siden sist?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": _("Svar ja eller nei.")},
    )
    dose = forms.ChoiceField(
        label=_("Tok du dosen som planlagt?"),
        choices=Dose.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Svar ja, delvis eller nei.")},
    )
    withdrawal = forms.ChoiceField(
        label=_("Har du hatt abstinenssymptomer?"),
        choices=Withdrawal.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Velg ingen, lette eller sterke.")},
    )
    symptoms = forms.MultipleChoiceField(
        label=_("Hvis ja: hvilke? (valgfritt)"),
        choices=Symptom.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, substances: list[tuple[str, str]], taper: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["substances"].choices = substances  # type: ignore[attr-defined]
        self.taper = taper
        if not taper:
            for name in ("dose", "withdrawal", "symptoms"):
                del self.fields[name]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("used") == "ja" and not data.get("substances"):
            self.add_error("substances", _("Kryss av for hva du brukte."))
        return data

    def answers(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            **data,
            "used": data["used"] == "ja",
            "suicide_thoughts": data["suicide_thoughts"] == "ja",
            "seizure": data["seizure"] == "ja",
        }

    @staticmethod
    def initial_from(checkin: Any) -> dict[str, Any]:
        """The form's initial values from a saved check-in (to correct it)."""
        if checkin is None:
            return {}
        yes_no = {True: "ja", False: "nei"}
        return {
            "craving": str(checkin.craving),
            "used": yes_no[checkin.used],
            "substances": checkin.substances,
            "amount": checkin.amount,
            "amount_text": checkin.amount_text,
            "mood": str(checkin.mood),
            "sleep": str(checkin.sleep),
            "sleep_hours": checkin.sleep_hours,
            "suicide_thoughts": yes_no[checkin.suicide_thoughts],
            "seizure": yes_no[checkin.seizure],
            "dose": checkin.dose,
            "withdrawal": checkin.withdrawal,
            "symptoms": checkin.symptoms,
        }


class MarkSeenForm(forms.Form):
    checkin = forms.IntegerField(widget=forms.HiddenInput)
