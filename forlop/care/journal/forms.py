from datetime import date

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from forlop.booking.models import Booking

from .models import WithholdingGround


def booking_label(booking: Booking) -> str:
    return formats.date_format(booking.start_at, "SHORT_DATETIME_FORMAT") + f" – {booking.consultation_type}"


class DateInput(forms.DateInput):
    """A native date picker. A value it cannot hold (only a browser without one can send it) is left out on
    the error page, since `<input type=date>` may not carry it; the error message says what to fix."""

    input_type = "date"

    def format_value(self, value):
        if isinstance(value, str):
            try:
                date.fromisoformat(value)
            except ValueError:
                return None
        return super().format_value(value)


class NoteForm(forms.Form):
    consulted_on = forms.DateField(
        label=_("Konsultasjonsdato"),
        widget=DateInput(format="%Y-%m-%d"),
        error_messages={
            "required": _("Skriv datoen for konsultasjonen."),
            "invalid": _("Skriv en gyldig dato."),
        },
    )
    booking = forms.TypedChoiceField(
        label=_("Bestilt time"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Velg timen notatet gjelder, hvis det var en bestilt time."),
    )
    text = forms.CharField(
        label=_("Notat"),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=20000,
        error_messages={"required": _("Skriv notatet.")},
        help_text=_(
            "Lagres som utkast. Bare du kan endre utkastet; når du signerer, kan det ikke endres mer."
        ),
    )

    def __init__(self, *args, bookings: list[Booking] = (), **kwargs):  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.bookings = {b.pk: b for b in bookings}
        self.fields["booking"].choices = [("", "—")] + [(b.pk, booking_label(b)) for b in bookings]  # type: ignore[attr-defined]

    def chosen_booking(self) -> Booking | None:
        pk = self.cleaned_data.get("booking")
        return self.bookings.get(pk) if pk is not None else None


class AmendmentForm(forms.Form):
    text = forms.CharField(
        label=_("Tillegg eller rettelse"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20000,
        error_messages={"required": _("Skriv tillegget.")},
        help_text=_(
            "Det opprinnelige notatet blir stående uendret. Tillegget signeres med navnet ditt når du lagrer."
        ),
    )
    reason = forms.CharField(
        label=_("Hvorfor"),
        max_length=500,
        min_length=10,
        error_messages={
            "required": _("Skriv hvorfor notatet rettes eller utfylles."),
            "min_length": _("Skriv hvorfor notatet rettes eller utfylles (minst 10 tegn)."),
        },
        help_text=_("For eksempel: «Feil dose i notatet» eller «Opplysning fra pasienten i ettertid»."),
    )


class WithholdForm(forms.Form):
    ground = forms.ChoiceField(
        label=_("Hjemmel (pasient- og brukerrettighetsloven § 5-1 annet ledd)"),
        choices=WithholdingGround.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Velg hjemmelen for å holde notatet tilbake.")},
    )
    explanation = forms.CharField(
        label=_("Begrunnelse"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        min_length=10,
        error_messages={
            "required": _("Begrunn hvorfor vilkåret er oppfylt for dette notatet."),
            "min_length": _("Begrunn hvorfor vilkåret er oppfylt for dette notatet (minst 10 tegn)."),
        },
        help_text=_(
            "Vises ikke for pasienten. Pasienten ser at et notat fra denne datoen er holdt tilbake, og at "
            "avgjørelsen kan vurderes på nytt og klages inn for statsforvalteren."
        ),
    )
