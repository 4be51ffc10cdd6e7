"""Form cleaning shared by every public form that asks how to reach a person."""

import phonenumbers
from django import forms
from django.utils.translation import gettext_lazy as _


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
        return self.cleaned_data["email"].strip().lower()

    def clean_phone(self) -> str:
        return clean_phone_number(self.cleaned_data["phone"])
