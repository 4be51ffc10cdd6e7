from datetime import UTC, datetime

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from forlop.lib.dates import FORMAT_MESSAGE, DayField, is_sane_day
from forlop.lib.forms import ReachablePersonMixin, email_field, name_field, phone_field
from forlop.therapists.models import Therapist

from .models import ConsultationType

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
            reverse("site:privacy"),
            _("Les mer om personvern."),
        )


# --- the JSON API's inputs ----------------------------------------------------------------------------------
# These forms are the one definition of what the API accepts: api.py validates with them and openapi.py
# writes the OpenAPI document from them (lengths, patterns, enums, formats, what is required), so the
# document cannot allow what the code refuses.


class InstantField(forms.CharField):
    """A point in time as ISO 8601 with a zone ('2026-03-03T09:00:00Z'), returned in UTC."""

    json_format = "date-time"

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault(
            "error_messages",
            {"invalid": _("Oppgi tidspunktet som ISO 8601 med tidssone, for eksempel 2026-03-03T09:00:00Z.")},
        )
        super().__init__(**kwargs)

    def clean(self, value):  # type: ignore[no-untyped-def]
        text = super().clean(value)  # the text's own checks (required, length) first
        if text in self.empty_values:
            return None
        start = parse_start(text)
        if start is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return start


def _active_type_choices() -> list[tuple[str, str]]:
    from .slots import cache, schedule_version  # cached per schedule version: one small query

    return cache.get(
        schedule_version(),
        ("active type choices",),
        lambda: [(slug, slug) for slug in ConsultationType.objects.active().values_list("slug", flat=True)],
    )


class ConsultationTypeField(forms.ChoiceField):
    """The slug of a consultation type that can be booked (read from the database each time)."""

    def __init__(self, **kwargs) -> None:
        message = _("Oppgi en konsultasjonstype som terapeuten tilbyr (slug).")
        kwargs.setdefault("error_messages", {"required": message, "invalid_choice": message})
        super().__init__(choices=_active_type_choices, **kwargs)
        self.max_length = ConsultationType._meta.get_field("slug").max_length


class HoldRequestForm(forms.Form):
    """POST /api/v1/holds."""

    therapist = forms.SlugField(max_length=Therapist._meta.get_field("slug").max_length)
    type = ConsultationTypeField()
    start = InstantField()


class SlotsQueryForm(forms.Form):
    """GET /api/v1/therapists/{slug}/slots?type=…&from=…&to=…"""

    type = ConsultationTypeField()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # `from` and `to` are Python keywords, so they cannot be declared as attributes above.
        for name in ("from", "to"):
            self.fields[name] = DayField(
                required=False, input_formats=["%Y-%m-%d"], error_messages={"invalid": FORMAT_MESSAGE}
            )

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        for name in ("from", "to"):
            # Left out means the default; sent empty is not a date (as the document says).
            if name in self.data and cleaned.get(name) is None and name not in self.errors:
                self.add_error(name, FORMAT_MESSAGE)
        return cleaned
