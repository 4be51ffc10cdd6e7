from django import forms
from django.utils.translation import gettext_lazy as _

from .models import DEFAULT_INTERVAL_WEEKS, MAX_INTERVAL_WEEKS, MIN_INTERVAL_WEEKS, GoalOutcome
from .services import Measure

REQUIRED = {"required": _("Dette feltet må fylles ut.")}
EXTRA_MEASURE_ROWS = 2


class PlanForm(forms.Form):
    goals = forms.CharField(
        label=_("Mål, med personens egne ord"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Ett mål per linje, i den rekkefølgen dere ble enige om. Skriv slik personen sa det."),
        error_messages={"required": _("Skriv minst ett mål, med personens egne ord.")},
    )
    interval_weeks = forms.IntegerField(
        label=_("Evaluering hver … uke"),
        min_value=MIN_INTERVAL_WEEKS,
        max_value=MAX_INTERVAL_WEEKS,
        initial=DEFAULT_INTERVAL_WEEKS,
        help_text=_("Mellom 1 og 8 uker. Poliklinisk er det minst hver 8. uke (pakkeforløp TSB)."),
        error_messages={
            "required": _("Skriv hvor mange uker det skal gå mellom evalueringene."),
            "invalid": _("Skriv et helt antall uker."),
            "min_value": _("Minst 1 uke."),
            "max_value": _("Høyst 8 uker mellom evalueringene."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    note = forms.CharField(
        label=_("Hva ble endret, og hvorfor"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    based_on = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def goal_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["goals"].splitlines() if line.strip()]


class MeasureForm(forms.Form):
    what = forms.CharField(label=_("Hva"), required=False, max_length=500)
    who = forms.CharField(label=_("Hvem"), required=False, max_length=200)
    how_often = forms.CharField(label=_("Hvor ofte"), required=False, max_length=200)

    def clean(self) -> dict:
        data = super().clean() or {}
        values = [(data.get(name) or "").strip() for name in ("what", "who", "how_often")]
        if any(values):
            for name, value in zip(("what", "who", "how_often"), values, strict=True):
                if not value:
                    self.add_error(name, _("Hvert tiltak trenger hva, hvem og hvor ofte."))
        return data

    def measure(self) -> Measure | None:
        data = self.cleaned_data
        if not any((data.get(n) or "").strip() for n in ("what", "who", "how_often")):
            return None
        return Measure(data["what"], data["who"], data["how_often"])


MeasureFormSet = forms.formset_factory(MeasureForm, extra=EXTRA_MEASURE_ROWS, max_num=30, absolute_max=40)


def measure_formset(data=None, *, measures: list[dict] | None = None) -> forms.BaseFormSet:
    if data is not None:
        return MeasureFormSet(data, prefix="tiltak")
    return MeasureFormSet(initial=measures or [], prefix="tiltak")


def measures_of(formset: forms.BaseFormSet) -> list[Measure]:
    return [m for form in formset.forms if (m := form.measure()) is not None]


class EvaluationForm(forms.Form):
    summary = forms.CharField(
        label=_("Oppsummering"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Hva har skjedd siden sist, hva sier personen selv, og hva gjør dere videre?"),
        error_messages={"required": _("Skriv en kort oppsummering av evalueringen.")},
    )
    goals_outcome = forms.ChoiceField(
        label=_("Ble målene nådd?"),
        choices=GoalOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Velg om målene ble nådd."),
            "invalid_choice": _("Velg om målene ble nådd."),
        },
    )
    goals_adjusted = forms.BooleanField(
        label=_("Vi justerte målene (endre dem i planen over)"),
        required=False,
    )
    evaluation = forms.IntegerField(required=False, widget=forms.HiddenInput)
