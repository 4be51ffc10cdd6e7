from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from forlop.lib.emails import normalise_email

from .models import Audience


class SignUpForm(forms.Form):
    email = forms.EmailField(
        label=_("E-postadresse"),
        max_length=254,
        help_text=_("Bruk gjerne en adresse bare du leser. Vi sender kurset hit og ingenting annet."),
        error_messages={
            "required": _("Skriv inn e-postadressen du vil få kurset til."),
            "invalid": _("Skriv inn en gyldig e-postadresse, for eksempel navn@eksempel.no."),
            "max_length": _("E-postadressen er for lang (høyst %(limit_value)d tegn)."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    first_name = forms.CharField(
        label=_("Fornavn"),
        required=False,
        max_length=60,
        help_text=_("Hvis du vil at e-postene skal begynne med navnet ditt."),
        error_messages={
            "max_length": _("Fornavnet kan ha høyst %(limit_value)d tegn (nå er det %(show_value)d).")
        },
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    audience = forms.ChoiceField(
        label=_("Hvem er kurset for?"),
        choices=Audience.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Leksjonene finnes i to versjoner: en for deg som lurer på din egen bruk, og en for deg som er "
            "bekymret for noen du står nær."
        ),
        error_messages={
            "required": _("Velg hvem kurset er for, så får du riktig versjon av leksjonene."),
            "invalid_choice": _("Velg ett av de to alternativene."),
        },
    )
    consent = forms.BooleanField(
        label=_(
            "Jeg vil få det gratis e-postkurset, og samtykker i at Forløp lagrer e-postadressen min til det."
        ),
        error_messages={"required": _("Du må krysse av for samtykke før vi kan sende deg kurset.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].help_text = format_html(
            '{} <a href="{}">{}</a>',
            _(
                "Du får først en e-post med en lenke du må klikke på. Deretter kommer fem leksjoner, én om "
                "dagen. Du kan melde deg av når som helst, med én lenke nederst i hver e-post."
            ),
            reverse("site:privacy"),
            _("Les om personvern."),
        )

    def clean_email(self) -> str:
        return normalise_email(self.cleaned_data["email"])

    def clean_first_name(self) -> str:
        return " ".join(self.cleaned_data["first_name"].split())
