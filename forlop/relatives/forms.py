from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Dial
from .services import SUMMARY_MAX


class SignUpForm(forms.Form):
    email = forms.EmailField(
        label=_("E-postadressen din"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class DialForm(forms.Form):
    dial = forms.ChoiceField(
        label=_("Hva kan denne personen se?"), choices=Dial.choices, widget=forms.RadioSelect
    )


class AddRelativeForm(DialForm):
    name = forms.CharField(
        label=_("Navnet til den pårørende"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    email = forms.EmailField(
        label=_("E-postadressen til den pårørende"),
        max_length=254,
        help_text=_(
            "Vi sender en e-post som bare sier at noen vil dele informasjon via Forløp. Ditt navn står ikke i den."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    field_order = ("name", "email", "dial")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dial"].initial = Dial.NOTHING
        self.fields["dial"].help_text = _(
            "Den pårørende ser at du deler med dem via Forløp, også når du velger «Ingenting». Vil du ikke det, "
            "kan du fjerne dem fra listen når som helst."
        )


class SummaryForm(forms.Form):
    text = forms.CharField(
        label=_("Oppsummeringen, med dine egne ord"),
        max_length=SUMMARY_MAX,
        help_text=_(
            "Skriv med egne ord hvordan det går. Pårørende med tilgang til oppsummeringen ser bare den siste du "
            "har godkjent, og datoen."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
