"""The kartlegging form (the assessment, one small form per substance) and the setting decision form. The
forms only read and check input; `services` writes."""

from typing import Any

from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from forlop.lib import triage
from forlop.therapists.vocabulary import SUBSTANCES

from . import setting
from .models import Answer, Assessment, Frequency, Housing, Pregnancy, Route
from .services import FIELDS

NOT_ANSWERED = ("", _("Ikke avklart"))
DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


def _radio(choices: Any, *, label: Any, help_text: Any = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=[NOT_ANSWERED, *choices],
        required=False,
        widget=forms.RadioSelect,
        help_text=help_text,
    )


class AssessmentForm(forms.ModelForm):
    acute_signs = forms.MultipleChoiceField(
        label=_("Akutte tegn nå"),
        choices=list(triage.ACUTE_SIGNS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Noe av dette nå betyr 113 (livstruende) eller legevakt 116 117, ikke planlagt avrusning."
        ),
    )
    earlier_seizures = _radio(Answer.choices, label=_("Tidligere abstinenskramper"))
    earlier_delirium = _radio(Answer.choices, label=_("Tidligere delirium (delirium tremens)"))
    epilepsy = _radio(Answer.choices, label=_("Epilepsi eller kramper av andre grunner"))
    alcohol_morning = _radio(
        Answer.choices,
        label=_("Drikker om morgenen, eller skjelver uten alkohol"),
        help_text=_("Bare ved alkoholbruk."),
    )
    pregnant = _radio(Pregnancy.choices, label=_("Gravid"))
    housing = _radio(Housing.choices, label=_("Bosituasjon"))
    sober_support = _radio(
        Answer.choices,
        label=_("Edru støtteperson som kan være til stede under avrusningen"),
    )
    children_needs = forms.BooleanField(label=_("Vi har snakket om barnas behov"), required=False)
    children_info = forms.BooleanField(label=_("Personen er tilbudt informasjon"), required=False)
    children_followup = forms.BooleanField(
        label=_("Personen er tilbudt oppfølging eller kontakt med andre tjenester"), required=False
    )
    completed = forms.BooleanField(
        label=_("Kartleggingen er fullført"),
        required=False,
        help_text=_("Kan krysses av når spørsmålene forslaget bygger på, er besvart."),
    )

    class Meta:
        model = Assessment
        fields = FIELDS
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (
                "somatic_health",
                "mental_health",
                "medication",
                "housing_note",
                "work_school",
                "network",
                "children_note",
                "own_goals",
            )
        }
        help_texts = {
            "own_goals": _("Skriv med personens egne ord."),
            "children_ages": _("For eksempel «4 og 11 år»."),
            "medication": _("Navn og dose. Beroligende medisiner og opioider her regnes som jevnlig bruk."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, top in (("age", 120), ("children_count", 20), ("earlier_detox_times", 200)):
            field = self.fields[name]
            field.widget.attrs.update({"inputmode": "numeric", "min": 0, "max": top})
            field.validators.append(
                MaxValueValidator(top, message=_("Tallet er for stort (høyst %(limit_value)s)."))
            )
            field.error_messages["invalid"] = _("Skriv et helt tall.")
            field.error_messages["min_value"] = _("Tallet kan ikke være negativt.")
        if self.instance.pk:
            for task in ("needs", "info", "followup"):
                self.fields[f"children_{task}"].initial = (
                    getattr(self.instance, f"children_{task}_at") is not None
                )
            self.fields["completed"].initial = self.instance.completed_at is not None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        count = data.get("children_count")
        if not count and any(data.get(f"children_{task}") for task in ("needs", "info", "followup")):
            self.add_error("children_count", _("Skriv hvor mange barn under 18 år personen har."))
        return data


class SubstanceForm(forms.Form):
    """One substance: whether it is in use, and if so how."""

    used = forms.BooleanField(required=False)
    amount = forms.CharField(label=_("Mengde"), max_length=200, required=False, help_text=_("Med ord."))
    units_per_day = forms.DecimalField(
        label=_("Alkoholenheter per dag"),
        required=False,
        min_value=0,
        max_value=99,
        max_digits=4,
        decimal_places=1,
        help_text=_("En enhet er 1,5 cl ren alkohol: en liten flaske øl, et glass vin eller en drink."),
        error_messages={
            "invalid": _("Skriv et tall, for eksempel 8 eller 8,5."),
            "min_value": _("Antallet kan ikke være negativt."),
            "max_value": _("Skriv et antall under 100."),
        },
    )
    frequency = forms.ChoiceField(
        label=_("Hyppighet"), choices=[NOT_ANSWERED, *Frequency.choices], required=False
    )
    route = forms.ChoiceField(label=_("Inntaksmåte"), choices=[NOT_ANSWERED, *Route.choices], required=False)
    duration = forms.CharField(
        label=_("Hvor lenge"), max_length=100, required=False, help_text=_("For eksempel «tre år»")
    )
    last_use = forms.DateTimeField(
        label=_("Sist brukt"),
        required=False,
        input_formats=[DATETIME_LOCAL, "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
        error_messages={"invalid": _("Skriv dato og klokkeslett, for eksempel 05.12.2026 08:30.")},
    )

    def __init__(self, *args: Any, substance: str, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"rus-{substance}")
        super().__init__(*args, **kwargs)
        self.substance = substance
        self.title = SUBSTANCES[substance]
        if substance == triage.GAMBLING:  # a behaviour: nothing is taken in
            self.fields["used"].label = _("Har spilleproblemer")
            self.fields["amount"].label = _("Omfang")
            del self.fields["route"]
        else:
            self.fields["used"].label = _("Bruker %(substance)s") % {"substance": SUBSTANCES[substance]}
        if substance != triage.ALCOHOL:
            del self.fields["units_per_day"]

    def values(self) -> dict[str, Any]:
        return {name: value for name, value in self.cleaned_data.items() if name != "used"}


class DecisionForm(forms.Form):
    setting = forms.ChoiceField(
        label=_("Behandlingsnivå"),
        choices=list(setting.LEVEL_LABELS.items()),
        widget=forms.RadioSelect,
        error_messages={"required": _("Velg et behandlingsnivå.")},
    )
    reason = forms.CharField(
        label=_("Begrunnelse"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Skriv en begrunnelse for avgjørelsen.")},
        help_text=_("Påkrevd. Avviker du fra forslaget, skriv hvorfor."),
    )
