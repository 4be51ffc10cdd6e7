"""Form cleaning shared by every public form that asks how to reach a person."""

import phonenumbers
from django import forms
from django.utils.translation import gettext_lazy as _

from forlop.lib.emails import normalise_email


def clean_phone_number(raw: str) -> str:
    """A Norwegian or international phone number as E.164 ("+4791234567"), or "" when left empty."""
    raw = raw.strip()
    if not raw:
        return ""
    try:
        number = phonenumbers.parse(raw, "NO")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise forms.ValidationError(
            _(
                "Vi kjenner ikke igjen «%(value)s» som et telefonnummer. Skriv 8 siffer for et norsk "
                "nummer, eller start med + og landskode for et utenlandsk."
            ),
            code="invalid",
            params={"value": raw},
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class ReachablePersonMixin:
    """clean_name / clean_email / clean_phone for forms with `name`, `email` and `phone` fields."""

    cleaned_data: dict

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean_email(self) -> str:
        return normalise_email(self.cleaned_data["email"])

    def clean_phone(self) -> str:
        return clean_phone_number(self.cleaned_data["phone"])


# Field factories: the same limits, widgets, autocomplete hints and Norwegian messages everywhere; each form
# says only what differs (label, whether required, why we ask).


def name_field(*, label=None, required_message, help_text="", autocomplete: str = "name") -> forms.CharField:
    return forms.CharField(
        label=label or _("Navn"),
        max_length=120,
        help_text=help_text,
        error_messages={
            "required": required_message,
            "max_length": _("Navnet kan ha høyst %(limit_value)d tegn (nå er det %(show_value)d)."),
        },
        widget=forms.TextInput(attrs={"autocomplete": autocomplete}),
    )


def email_field(*, required: bool = True, required_message="", help_text="") -> forms.EmailField:
    messages = {
        "invalid": _("Skriv inn en gyldig e-postadresse, for eksempel navn@eksempel.no."),
        "max_length": _("E-postadressen er for lang (høyst %(limit_value)d tegn)."),
    }
    if required_message:
        messages["required"] = required_message
    return forms.EmailField(
        label=_("E-postadresse"),
        required=required,
        max_length=254,
        help_text=help_text,
        error_messages=messages,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


def phone_field(*, help_text) -> forms.CharField:
    """Always optional: a phone number is never needed to get help."""
    return forms.CharField(
        label=_("Telefonnummer"),
        required=False,
        max_length=30,
        help_text=help_text,
        error_messages={"max_length": _("Telefonnummeret er for langt.")},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
