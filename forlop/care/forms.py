from django import forms
from django.utils.translation import gettext_lazy as _

from forlop.accounts.models import Role, User
from forlop.therapists.vocabulary import SUBSTANCES

from .models import Phase, TeamRole
from .services import ROLE_FOR


def staff_choices(*roles: str) -> list[tuple[str, str]]:
    users = User.objects.filter(is_active=True, is_staff=True).order_by("full_name", "email")
    return [("", "—")] + [(str(u.pk), u.full_name or u.email) for u in users if u.has_role(*roles)]


class StartCourseForm(forms.Form):
    substances = forms.MultipleChoiceField(
        label=_("Rusmidler forløpet gjelder"),
        choices=list(SUBSTANCES.items()),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Sjekk med personen; kartleggingen tar detaljene per rusmiddel."),
    )
    therapist = forms.TypedChoiceField(label=_("Ansvarlig terapeut"), coerce=int)
    doctor = forms.TypedChoiceField(
        label=_("Lege"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Trengs når avrusning eller legemidler kan bli aktuelt."),
    )
    coordinator = forms.TypedChoiceField(label=_("Koordinator"), coerce=int, required=False, empty_value=None)
    checked = forms.BooleanField(
        label=_("Jeg har gått gjennom opplysningene over med personen, og de stemmer."),
        error_messages={"required": _("Bekreft at du har sjekket opplysningene med personen.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["therapist"].choices = staff_choices(*ROLE_FOR[TeamRole.THERAPIST])
        self.fields["doctor"].choices = staff_choices(Role.DOCTOR)
        self.fields["coordinator"].choices = staff_choices(*ROLE_FOR[TeamRole.COORDINATOR])


class PhaseForm(forms.Form):
    to = forms.ChoiceField(label=_("Ny fase"), choices=Phase.choices)
    note = forms.CharField(label=_("Merknad"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    closing_summary = forms.CharField(
        label=_("Avslutningsoppsummering"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Må fylles ut når forløpet avsluttes: hva som ble gjort, hvordan det gikk, hva som er avtalt videre."
        ),
    )

    # The phase the page showed: a change sent from a page that is out of date is refused, not applied on
    # top of someone else's.
    seen = forms.ChoiceField(choices=Phase.choices, required=False, widget=forms.HiddenInput)

    def __init__(self, *args, allowed: tuple[str, ...] = (), **kwargs):
        super().__init__(*args, **kwargs)
        to = self.fields["to"]
        assert isinstance(to, forms.ChoiceField)
        to.choices = [(p, Phase(p).label) for p in allowed]


class TeamForm(forms.Form):
    role = forms.ChoiceField(label=_("Rolle"), choices=TeamRole.choices)
    user = forms.TypedChoiceField(label=_("Ansatt"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = staff_choices(Role.THERAPIST, Role.DOCTOR, Role.COORDINATOR, Role.ADMIN)


class EmergencyForm(forms.Form):
    reason = forms.CharField(
        label=_("Hvorfor trenger du tilgang nå?"),
        min_length=10,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Begrunnelsen lagres, personen kan se at du har lest journalen, og personvernombudet går gjennom "
            "alle akuttilganger."
        ),
        error_messages={"min_length": _("Skriv hvorfor du trenger tilgang (minst 10 tegn).")},
    )


class ReviewForm(forms.Form):
    note = forms.CharField(
        label=_("Hva viste gjennomgangen?"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
