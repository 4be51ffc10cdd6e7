"""Entry forms generated from the scale definitions in `forlop.care.scales`: one field per item, with the
item's anchors as radio buttons (COWS, PAWSS) or a number input over its range (CIWA-Ar), the time of the
assessment (Europe/Oslo) and a note. PAWSS starts with its threshold question.

The form only turns what was typed into whole numbers; whether a number is allowed, and the total, come from
`forlop.care.scales` (its Norwegian messages are shown next to the item)."""

from datetime import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forlop.care import scales
from forlop.care.scales import SCALES, Item, ScaleAnswerError, ScaleKind
from forlop.lib.timezones import OSLO

TIME_FORMAT = "%Y-%m-%dT%H:%M"
YES, NO = "ja", "nei"


def item_field_name(n: int) -> str:
    return f"item_{n}"


def _item_field(item: Item) -> forms.Field:
    label = f"{item.n}. {item.text}"
    if item.options:
        # A CharField with radio buttons, not a ChoiceField: a value outside the anchors must reach
        # forlop.care.scales, whose message names the allowed scores.
        return forms.CharField(
            label=label,
            required=False,
            widget=forms.RadioSelect(
                choices=[(str(o.score), f"{o.score} – {o.label}") for o in item.options]
            ),
        )
    low, high = min(item.allowed_scores), max(item.allowed_scores)
    return forms.CharField(
        label=label,
        required=False,
        help_text=_("Skår fra %(low)s til %(high)s.") % {"low": low, "high": high},
        widget=forms.NumberInput(attrs={"min": low, "max": high, "step": 1, "inputmode": "numeric"}),
    )


def parse_oslo(text: str) -> datetime:
    """'2026-12-05T08:10' as Europe/Oslo wall-clock time, aware. Raises ValueError."""
    return datetime.strptime(text.strip(), TIME_FORMAT).replace(tzinfo=OSLO)


class EntryForm(forms.Form):
    taken_at = forms.CharField(
        label=gettext_lazy("Tidspunkt for vurderingen"),
        help_text=gettext_lazy("Norsk tid. Når personen ble vurdert, ikke når du skriver det inn."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        error_messages={"required": gettext_lazy("Skriv når personen ble vurdert.")},
    )

    def __init__(self, *args: Any, kind: ScaleKind, now: datetime | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.definition = SCALES[kind]
        self.now = now or timezone.now()
        if not self.is_bound:
            self.initial.setdefault("taken_at", self.now.astimezone(OSLO).strftime(TIME_FORMAT))
        self.fields["taken_at"].widget.attrs["max"] = self.now.astimezone(OSLO).strftime(TIME_FORMAT)
        if kind == ScaleKind.PAWSS:
            self.fields["threshold_met"] = forms.ChoiceField(
                label=str(scales.PAWSS_THRESHOLD_QUESTION),
                choices=[(YES, _("Ja")), (NO, _("Nei"))],
                widget=forms.RadioSelect,
                help_text=_("Svarer du nei, gjelder ikke PAWSS: la punktene under stå tomme."),
                error_messages={"required": _("Svar på om PAWSS gjelder for personen.")},
            )
        for item in self.definition.items:
            self.fields[item_field_name(item.n)] = _item_field(item)
        self.fields["note"] = forms.CharField(
            label=_("Merknad"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
        )
        self.result: scales.ScaleResult | scales.PawssNotApplicable | None = None

    @property
    def item_fields(self) -> list[forms.BoundField]:
        return [self[item_field_name(item.n)] for item in self.definition.items]

    def clean_taken_at(self) -> datetime:
        text = self.cleaned_data["taken_at"]
        try:
            taken_at = parse_oslo(text)
        except ValueError as error:
            raise forms.ValidationError(
                _("Skriv dato og klokkeslett, for eksempel 2026-12-05T08:10.")
            ) from error
        if taken_at > self.now:
            raise forms.ValidationError(_("Tidspunktet for vurderingen kan ikke være fram i tid."))
        return taken_at

    def _scores(self) -> list[int | None] | None:
        scores: list[int | None] = []
        ok = True
        for item in self.definition.items:
            name = item_field_name(item.n)
            text = (self.cleaned_data.get(name) or "").strip()
            if not text:
                scores.append(None)
                continue
            try:
                scores.append(int(text))
            except ValueError:
                self.add_error(name, _("Skriv et helt tall."))
                ok = False
        return scores if ok else None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        scores = self._scores()
        if scores is None:
            return cleaned
        threshold_met = True
        if self.kind == ScaleKind.PAWSS:
            if "threshold_met" not in cleaned:
                return cleaned
            threshold_met = cleaned["threshold_met"] == YES
        try:
            if self.kind == ScaleKind.PAWSS:
                self.result = scales.score_pawss(scores, threshold_met=threshold_met)
            else:
                self.result = scales.score(self.kind, scores)
        except scales.ScoresMissing as error:
            for n in error.items:
                self.add_error(item_field_name(n), _("Fyll ut dette punktet."))
            self.add_error(None, error.message)
        except scales.ScoresGivenButNotApplicable as error:
            self.add_error("threshold_met", error.message)
        except scales.ScoreNotAllowed as error:
            self.add_error(item_field_name(error.item), error.message)
        except ScaleAnswerError as error:
            self.add_error(None, error.message)
        cleaned["scores"] = scores
        cleaned["threshold_met_bool"] = threshold_met
        return cleaned


class MarkErrorForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Hvorfor er skåringen feil?"),
        help_text=gettext_lazy(
            "For eksempel «Registrert på feil person» eller «Feil skår på punkt 3, ny skåring registrert». "
            "Skåringen blir stående, gjennomstreket, og tas ut av grafen."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        min_length=5,
        max_length=500,
        error_messages={
            "required": gettext_lazy("Skriv hvorfor skåringen er feil."),
            "min_length": gettext_lazy("Skriv hvorfor skåringen er feil (minst 5 tegn)."),
        },
    )
