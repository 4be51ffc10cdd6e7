from datetime import UTC, datetime

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from forlop.lib.dates import is_sane_day
from forlop.lib.forms import ReachablePersonMixin, email_field, name_field, phone_field

NOTE_MAX_LENGTH = 1000


def parse_start(value: str) -> datetime | None:
    """A slot start as the pages send it: ISO 8601 in UTC ('2026-03-02T08:00:00Z'). None if unreadable."""
    try:
        parsed = datetime.fromisoformat(value.strip())
        if parsed.tzinfo is None or not is_sane_day(parsed.date()):
            return None
        return parsed.astimezone(UTC)
    except (ValueError, AttributeError, OverflowError):
        return None


class SlotForm(forms.Form):
    start = forms.CharField(
        error_messages={"required": _("Velg et tidspunkt i listen før du går videre.")},
    )

    def clean_start(self) -> datetime:
        start = parse_start(self.cleaned_data["start"])
        if start is None:
            raise forms.ValidationError(_("Tidspunktet var ikke gyldig. Velg et tidspunkt i listen."))
        return start


class DetailsForm(ReachablePersonMixin, forms.Form):
    name = name_field(required_message=_("Skriv inn navnet ditt, slik at terapeuten vet hvem som kommer."))
    email = email_field(
        help_text=_("Hit sender vi bekreftelsen, videolenken og lenken for å flytte eller avbestille."),
        required_message=_("Skriv inn e-postadressen din. Uten den kan vi ikke sende deg bekreftelsen."),
    )
    phone = phone_field(help_text=_("Bare hvis du vil at vi skal kunne ringe deg om timen."))
    note = forms.CharField(
        label=_("Kort melding til terapeuten"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        help_text=_(
            "Hvis det er noe du vil at terapeuten skal vite på forhånd. Meldingen sendes ikke på e-post."
        ),
        error_messages={
            "max_length": _("Meldingen kan ha høyst %(limit_value)d tegn (nå er den %(show_value)d).")
        },
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    consent = forms.BooleanField(
        label=_("Jeg samtykker i at Forløp lagrer opplysningene over for å gjennomføre timen."),
        error_messages={"required": _("Du må krysse av for samtykke før vi kan bestille timen.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].help_text = format_html(
            '{} <a href="{}">{}</a>',
            _(
                "Bare terapeuten din og koordinatorene våre ser bestillingen. Du kan trekke samtykket tilbake."
            ),
            reverse("core:privacy"),
            _("Les mer om personvern."),
        )
