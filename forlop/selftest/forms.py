from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import scoring
from .instruments import AUDIT, DUDIT, Instrument, Item
from .scoring import AuditResult, DuditResult, Sex

SEX_CHOICES = [
    (Sex.FEMALE.value, _("Kvinne")),
    (Sex.MALE.value, _("Mann")),
    (Sex.UNSPECIFIED.value, _("Vil ikke oppgi")),
]

type Scorer = Callable[..., AuditResult | DuditResult]

_RULES: dict[str, tuple[Callable[[scoring.Answers], tuple[int, ...]], Scorer]] = {
    AUDIT: (scoring.audit_missing_items, scoring.score_audit),
    DUDIT: (scoring.dudit_missing_items, scoring.score_dudit),
}


def field_name(item: Item) -> str:
    return f"q{item.n}"


@dataclass(frozen=True)
class Row:
    item: Item
    field: forms.BoundField
    count: int  # how many items the instrument has, for "Spørsmål 3 av 10"


class SelfTestForm(forms.Form):
    """All items of one instrument as radio groups, plus the sex question that picks the cut-off.

    Item fields are optional at field level because AUDIT's skip logic decides which ones are needed; the
    scoring module says which answers are missing. Totals come only from `scoring`, never from the client.
    """

    use_required_attribute = False  # our own error summary, not the browser's bubbles

    def __init__(self, *args, instrument: Instrument, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        self.result: AuditResult | DuditResult | None = None
        for item in instrument.items:
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
        self.fields["sex"] = forms.ChoiceField(
            label=_("Kjønn (brukes bare til å velge riktig grenseverdi)"),
            choices=SEX_CHOICES,
            widget=forms.RadioSelect,
            error_messages={
                "required": _("Velg kjønn, eller «Vil ikke oppgi», før du ser resultatet."),
                "invalid_choice": _("Velg ett av alternativene for kjønn."),
            },
        )

    @property
    def rows(self) -> list[Row]:
        count = len(self.instrument.items)
        return [Row(item, self[field_name(item)], count) for item in self.instrument.items]

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        if any(field_name(item) in self.errors for item in self.instrument.items):
            return cleaned  # an answer was not one of the options; never guess what was meant
        answers = [
            int(cleaned[name]) if cleaned.get(name) else None
            for name in (field_name(item) for item in self.instrument.items)
        ]
        missing_items, score = _RULES[self.instrument.slug]
        for n in missing_items(answers):
            self.add_error(
                field_name(self.instrument.item(n)),
                gettext("Svar på spørsmål %(n)s før du ser resultatet.") % {"n": n},
            )
        if self.errors:
            return cleaned
        try:
            self.result = score(answers, sex=Sex(cleaned["sex"]))
        except scoring.AnswerNotAllowed as exc:  # the choices above already refuse these; belt and braces
            self.add_error(field_name(self.instrument.item(exc.item)), exc.message)
        except scoring.AnswerError as exc:
            self.add_error(None, exc.message)
        return cleaned
