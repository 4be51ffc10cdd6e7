from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from forlop.lib.forms import ReachablePersonMixin, email_field, name_field, phone_field

from .danger_words import mentions_acute_danger
from .models import ContactEnquiry

MESSAGE_MAX_LENGTH = 5000
YES, NO = "yes", "no"


class ContactForm(ReachablePersonMixin, forms.Form):
    # Asked first, so that a "Ja" shows the emergency numbers before anyone spends time writing to us.
    urgent = forms.ChoiceField(
        label=_("Haster det?"),
        choices=[(YES, _("Ja")), (NO, _("Nei"))],
        widget=forms.RadioSelect,
        help_text=_(
            "Svarer du ja, viser vi deg med en gang hvor du får hjelp nå, og vi leser meldingen din først."
        ),
        error_messages={
            "required": _("Svar ja eller nei på om det haster."),
            "invalid_choice": _("Velg ja eller nei."),
        },
    )
    name = name_field(required_message=_("Skriv inn navnet ditt. Et fornavn holder."))
    email = email_field(required=False)
    phone = phone_field(
        help_text=_("Norsk nummer med 8 siffer, eller utenlandsk nummer med landskode, for eksempel +46.")
    )
    preferred_contact = forms.ChoiceField(
        label=_("Hvordan vil du helst at vi tar kontakt?"),
        choices=ContactEnquiry.PreferredContact.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Velg hvordan du vil at vi skal ta kontakt."),
            "invalid_choice": _("Velg ett av alternativene."),
        },
    )
    message = forms.CharField(
        label=_("Hva vil du fortelle oss?"),
        max_length=MESSAGE_MAX_LENGTH,
        help_text=_(
            "Skriv så mye eller så lite du vil, for eksempel hva du ønsker hjelp til, eller om du spør for "
            "deg selv eller for noen du står nær."
        ),
        error_messages={
            "required": _("Skriv en kort melding, så vet vi hva du ønsker hjelp til."),
            "max_length": _("Meldingen kan ha høyst %(limit_value)d tegn (nå er den %(show_value)d)."),
        },
        widget=forms.Textarea(attrs={"rows": 7}),
    )
    consent = forms.BooleanField(
        label=_("Jeg samtykker i at Forløp behandler det jeg skriver her, for å kunne svare meg."),
        error_messages={"required": _("Du må krysse av for samtykke før vi kan ta imot meldingen.")},
    )
    # Honeypot: hidden from people (and screen readers) by the template; bots fill in every field.
    website = forms.CharField(required=False, label=_("Nettsted"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].help_text = format_html(
            '{} <a href="{}">{}</a>',
            _(
                "Meldingen kan inneholde opplysninger om helse og rus. Vi bruker dem bare til å svare deg, "
                "og bare koordinatorene våre kan lese dem. Du kan trekke samtykket tilbake når som helst."
            ),
            reverse("site:privacy"),
            _("Les mer om personvern."),
        )

    def clean(self) -> dict:
        super().clean()
        cleaned = self.cleaned_data
        email, phone = cleaned.get("email"), cleaned.get("phone")
        # Only judge the pair when both fields were themselves valid (or empty).
        if "email" in cleaned and "phone" in cleaned:
            if not email and not phone:
                self.add_error(
                    "email",
                    _("Skriv inn e-postadresse eller telefonnummer (minst ett av dem), så vi kan svare deg."),
                )
            preferred = cleaned.get("preferred_contact")
            if preferred == ContactEnquiry.PreferredContact.EMAIL and phone and not email:
                self.add_error(
                    "preferred_contact",
                    _("Du har valgt e-post. Skriv inn e-postadressen din, eller velg telefon eller SMS."),
                )
            if preferred in {ContactEnquiry.PreferredContact.PHONE, ContactEnquiry.PreferredContact.SMS}:
                if email and not phone:
                    self.add_error(
                        "preferred_contact",
                        _(
                            "Du har valgt telefon eller SMS. Skriv inn telefonnummeret ditt, eller velg e-post."
                        ),
                    )
        return cleaned

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))

    def said_urgent(self) -> bool:
        return self.cleaned_data["urgent"] == YES

    def looks_urgent(self) -> bool:
        """Whether the form as sent (valid or not) says it is urgent: a "Ja", or danger words in the message.

        Used to show the emergency numbers on a page that comes back with mistakes, before anything is stored.
        """
        return self.data.get("urgent") == YES or mentions_acute_danger(str(self.data.get("message", "")))
