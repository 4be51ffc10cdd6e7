"""The match form, one Django form per step. Each step's `answers()` returns its part of the answers dict
(see answers.ANSWER_DEFAULTS); the views keep what was typed in the session between steps."""

from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from forlop.lib import triage
from forlop.lib.forms import ReachablePersonMixin, email_field, name_field, phone_field
from forlop.lib.money import format_nok
from forlop.therapists import vocabulary

from . import answers as vocab
from .models import CloseReason, DoctorDecision

COMMON_LANGUAGES = ("nb", "en")
TEXT_MAX = 2000
MESSAGE_MAX = 5000


def _choices(vocabulary: dict) -> list[tuple[Any, str]]:
    return [(key, capfirst(label)) for key, label in vocabulary.items()]


def _radio(label, vocabulary: dict, required_message, **kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=_choices(vocabulary),
        widget=forms.RadioSelect,
        error_messages={"required": required_message, "invalid_choice": _("Velg ett av alternativene.")},
        **kwargs,
    )


def _checkboxes(label, vocabulary: dict, required_message=None, **kwargs) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=_choices(vocabulary),
        widget=forms.CheckboxSelectMultiple,
        required=required_message is not None,
        error_messages={
            "required": required_message or "",
            "invalid_choice": _("«%(value)s» er ikke et av alternativene."),
        },
        **kwargs,
    )


class StepForm(forms.Form):
    use_required_attribute = False  # our error summary, not the browser's bubbles

    def answers(self) -> dict[str, Any]:
        raise NotImplementedError


YES_NO = {triage.YES: _("Ja"), triage.NO: _("Nei")}


class AboutForm(StepForm):
    who_for = _radio(
        _("Hvem ønsker du hjelp for?"),
        vocab.WHO_FOR,
        _("Velg om du spør for deg selv eller for en du er glad i."),
        help_text=_("Spør du for en annen, svarer du på spørsmålene om den personen så godt du kan."),
    )
    age_group = _radio(
        _("Alder på den det gjelder"), vocab.AGE_GROUPS, _("Velg aldersgruppen til den hjelpen gjelder.")
    )
    goals = _checkboxes(
        _("Hva ønsker du?"),
        vocab.GOALS,
        _("Kryss av for minst ett ønske, så vet vi hva du vil ha hjelp til."),
        help_text=_("Kryss av for alt som passer."),
    )
    acute_suicide = _radio(
        _("Har du, eller den du spør for, tanker om å ta livet sitt akkurat nå?"),
        YES_NO,
        _("Svar ja eller nei på om det er tanker om å ta livet sitt nå."),
    )
    acute_overdose = _radio(
        _("Har du, eller den du spør for, tatt en overdose, eller er du redd for at det har skjedd?"),
        YES_NO,
        _("Svar ja eller nei på om noen kan ha tatt en overdose."),
    )
    acute_withdrawal = _radio(
        _(
            "Er det sterke abstinenser nå, for eksempel kramper, forvirring, at man ser eller hører ting som "
            "ikke er der, eller kraftig skjelving?"
        ),
        YES_NO,
        _("Svar ja eller nei på om det er sterke abstinenser nå."),
    )

    ACUTE_FIELDS = {
        "acute_suicide": triage.SUICIDE,
        "acute_overdose": triage.OVERDOSE,
        "acute_withdrawal": triage.WITHDRAWAL,
    }

    def answers(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "who_for": data["who_for"],
            "age_group": data["age_group"],
            "goals": list(data["goals"]),
            "acute_signs": [sign for name, sign in self.ACUTE_FIELDS.items() if data[name] == triage.YES],
        }


# How often each substance is used: one question per substance, shown under its checkbox (the page reveals
# only the ones ticked; without that, every question shows and only the ticked ones count).
FREQUENCY_LABELS = {
    "alkohol": _("Hvor ofte drikkes alkohol?"),
    "cannabis": _("Hvor ofte brukes cannabis?"),
    "opioider": _("Hvor ofte brukes opioider?"),
    "benzodiazepiner": _("Hvor ofte brukes benzodiazepiner eller sovemedisin?"),
    "sentralstimulerende": _("Hvor ofte brukes sentralstimulerende stoffer?"),
    "ghb": _("Hvor ofte brukes GHB eller GBL?"),
    "spill": _("Hvor ofte spilles det?"),
    "annet": _("Hvor ofte brukes andre rusmidler?"),
}


def frequency_field_name(substance: str) -> str:
    return f"frequency_{substance}"


class UseForm(StepForm):
    substances = _checkboxes(
        _("Hva gjelder det?"),
        vocabulary.SUBSTANCES,
        _(
            "Kryss av for minst ett rusmiddel eller én vane. Velg «Andre rusmidler» hvis det ikke står i listen."
        ),
        help_text=_("Kryss av for alt som passer, også medisiner som brukes mer enn foreskrevet."),
    )
    duration = _radio(
        _("Hvor lenge har det vart?"), vocab.DURATIONS, _("Velg omtrent hvor lenge det har vart.")
    )
    amount = forms.ChoiceField(
        label=_("Hvor mye alkohol på en vanlig drikkedag?"),
        choices=_choices(triage.ALCOHOL_AMOUNTS),
        widget=forms.RadioSelect,
        required=False,
        help_text=_("Én enhet er for eksempel en liten flaske øl (0,33 l), et glass vin eller en drink."),
        error_messages={"invalid_choice": _("Velg ett av alternativene.")},
    )
    alcohol_morning = forms.ChoiceField(
        label=_(
            "Hender det at det drikkes om morgenen for å dempe uro eller skjelving, eller at det skjelves "
            "når det ikke drikkes?"
        ),
        choices=_choices(triage.YES_NO_UNKNOWN),
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": _("Velg ett av alternativene.")},
    )
    earlier_treatment = _radio(
        _("Har du, eller den du spør for, fått behandling eller vært til avrusning før?"),
        vocab.EARLIER_TREATMENT,
        _("Velg om det har vært behandling eller avrusning før."),
    )
    earlier_seizures = _radio(
        _("Har det noen gang vært kramper eller delirium (akutt forvirring) under abstinenser?"),
        triage.YES_NO_UNKNOWN,
        _("Svar ja, nei eller vet ikke på om det har vært kramper eller delirium."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for key in vocabulary.SUBSTANCES:
            self.fields[frequency_field_name(key)] = forms.ChoiceField(
                label=FREQUENCY_LABELS[key],
                choices=_choices(triage.FREQUENCIES),
                widget=forms.RadioSelect,
                required=False,
                error_messages={"invalid_choice": _("Velg ett av alternativene.")},
            )

    def frequency_fields(self) -> list[tuple[str, forms.BoundField]]:
        """(substance key, its frequency question) in vocabulary order, for the template."""
        return [(key, self[frequency_field_name(key)]) for key in vocabulary.SUBSTANCES]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        chosen = cleaned.get("substances") or []
        for key in chosen:
            name = frequency_field_name(key)
            if not cleaned.get(name) and name not in self.errors:
                self.add_error(
                    name,
                    _("Velg omtrent hvor ofte: %(substance)s.") % {"substance": vocabulary.SUBSTANCES[key]},
                )
        if triage.ALCOHOL in chosen:
            if not cleaned.get("amount") and "amount" not in self.errors:
                self.add_error("amount", _("Velg omtrent hvor mye alkohol, eller «Vet ikke»."))
            if not cleaned.get("alcohol_morning") and "alcohol_morning" not in self.errors:
                self.add_error("alcohol_morning", _("Svar ja, nei eller vet ikke om drikking om morgenen."))
        return cleaned

    def answers(self) -> dict[str, Any]:
        data = self.cleaned_data
        chosen = list(data["substances"])
        frequencies = {key: data[frequency_field_name(key)] for key in chosen}
        alcohol = triage.ALCOHOL in chosen
        return {
            "substances": chosen,
            "duration": data["duration"],
            "frequencies": frequencies,
            "frequency": triage.highest_frequency(frequencies),
            "amount": data["amount"] if alcohol else "",
            "alcohol_morning": data["alcohol_morning"] if alcohol else "",
            "earlier_treatment": data["earlier_treatment"],
            "earlier_seizures": data["earlier_seizures"],
        }


class HealthForm(StepForm):
    mental_health = _checkboxes(
        _("Psykisk helse"),
        vocab.MENTAL_HEALTH,
        help_text=_("Kryss av for det som passer, eller la det stå tomt."),
    )
    physical_health = forms.CharField(
        label=_("Fysisk helse"),
        required=False,
        max_length=TEXT_MAX,
        help_text=_("For eksempel sykdom i lever, hjerte eller mage, epilepsi eller smerter."),
        error_messages={"max_length": _("Skriv høyst %(limit_value)d tegn (nå er det %(show_value)d).")},
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    benzo_use = _radio(
        _("Brukes beroligende medisiner eller sovemedisiner (benzodiazepiner eller z-medisiner)?"),
        triage.MEDICINE_USE,
        _("Svar på om det brukes beroligende medisiner eller sovemedisiner, eller «Vet ikke»."),
        help_text=_("For eksempel Sobril, Stesolid, Valium, Xanor, Rivotril, Imovane eller Stilnoct."),
    )
    opioid_use = _radio(
        _("Brukes opioider, for eksempel sterke smertestillende eller LAR-medisin?"),
        triage.MEDICINE_USE,
        _("Svar på om det brukes opioider, eller «Vet ikke»."),
        help_text=_(
            "For eksempel Paralgin forte, Pinex forte, tramadol, OxyContin, morfin, metadon, buprenorfin "
            "eller heroin."
        ),
    )
    medication = forms.CharField(
        label=_("Medisiner som brukes fast"),
        required=False,
        max_length=TEXT_MAX,
        help_text=_("Navn og omtrent hvor mye, hvis du vet det."),
        error_messages={"max_length": _("Skriv høyst %(limit_value)d tegn (nå er det %(show_value)d).")},
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    epilepsy = _radio(
        _("Har du, eller den du spør for, epilepsi, eller har det vært krampeanfall av andre grunner?"),
        triage.YES_NO_UNKNOWN,
        _("Svar ja, nei eller vet ikke på om det er epilepsi eller har vært krampeanfall."),
    )
    pregnant = _radio(
        _("Er du, eller den du spør for, gravid?"),
        triage.PREGNANCY_ANSWERS,
        _("Svar ja, nei eller «Ikke aktuelt»."),
    )

    def answers(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "mental_health": list(data["mental_health"]),
            "physical_health": data["physical_health"].strip(),
            "medication": data["medication"].strip(),
            "benzo_use": data["benzo_use"],
            "opioid_use": data["opioid_use"],
            "epilepsy": data["epilepsy"],
            "pregnant": data["pregnant"],
        }


class WishesForm(StepForm):
    gender_preference = forms.ChoiceField(
        label=_("Ønsker du en kvinnelig eller mannlig terapeut?"),
        choices=_choices(vocab.GENDER_WISHES),
        widget=forms.RadioSelect,
        required=False,
        initial=vocab.NO_GENDER_WISH,
        error_messages={"invalid_choice": _("Velg ett av alternativene.")},
    )
    gender_required = forms.BooleanField(
        label=_("Det er viktig for meg: foreslå bare terapeuter med det kjønnet"), required=False
    )
    languages = forms.MultipleChoiceField(
        label=_("Språk"),
        choices=[(key, capfirst(vocabulary.LANGUAGES[key])) for key in COMMON_LANGUAGES],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        initial=["nb"],
        help_text=_("Kryss av for språk samtalene kan være på."),
        error_messages={"invalid_choice": _("«%(value)s» er ikke et av alternativene.")},
    )
    other_language = forms.ChoiceField(
        label=_("Et annet språk"),
        choices=[("", _("Ingen andre"))]
        + [
            (key, capfirst(label))
            for key, label in vocabulary.LANGUAGES.items()
            if key not in COMMON_LANGUAGES
        ],
        required=False,
        error_messages={"invalid_choice": _("Velg et språk fra listen.")},
    )
    methods = _checkboxes(
        _("Metoder du er interessert i"),
        vocabulary.METHODS,
        help_text=_("Vet du ikke, lar du det stå tomt. Terapeuten hjelper deg å finne det som passer."),
    )
    meeting_modes = _checkboxes(
        _("Hvordan vil du møte terapeuten?"),
        vocabulary.MEETING_MODES,
        help_text=_("Kryss av for alt som passer. Lar du det stå tomt, passer alt."),
    )
    place = forms.CharField(
        label=_("Hvor vil du møte terapeuten?"),
        required=False,
        max_length=80,
        help_text=_("Bare ved oppmøte. Skriv byen eller stedet, for eksempel «Bergen»."),
        error_messages={"max_length": _("Skriv høyst %(limit_value)d tegn.")},
    )
    days = _checkboxes(
        _("Dager som passer"), vocabulary.WEEKDAYS, help_text=_("Lar du det stå tomt, passer alle dager.")
    )
    times = _checkboxes(
        _("Tid på dagen som passer"),
        vocabulary.PARTS_OF_DAY,
        help_text=_("Lar du det stå tomt, passer alle tider."),
    )
    budget = _radio(
        _("Passer prisen for deg?"),
        vocab.BUDGETS,
        _("Svar på om prisen passer, eller at du er usikker."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["budget"].help_text = _(
            "Samtaler hos oss koster fra %(price)s. Første samtale er uforpliktende, og du bestemmer selv "
            "om du vil bestille time."
        ) % {"price": format_nok(vocab.PRICE_FROM_ORE)}

    def clean_place(self) -> str:
        return " ".join(self.cleaned_data["place"].split())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("gender_required") and not cleaned.get("gender_preference"):
            self.add_error(
                "gender_required",
                _("Velg kvinne eller mann over, eller fjern krysset hvis kjønn ikke spiller noen rolle."),
            )
        return cleaned

    def answers(self) -> dict[str, Any]:
        data = self.cleaned_data
        languages = list(data["languages"])
        if data["other_language"] and data["other_language"] not in languages:
            languages.append(data["other_language"])
        return {
            "gender_preference": data["gender_preference"],
            "gender_required": bool(data["gender_preference"] and data["gender_required"]),
            "languages": languages,
            "methods": list(data["methods"]),
            "meeting_modes": list(data["meeting_modes"]),
            "place": data["place"] if vocabulary.IN_PERSON in data["meeting_modes"] else "",
            "days": [int(day) for day in data["days"]],
            "times": list(data["times"]),
            "budget": data["budget"],
        }


class ContactForm(ReachablePersonMixin, StepForm):
    name = name_field(
        label=_("Hva vil du at vi skal kalle deg?"),
        help_text=_(
            "Et fornavn eller et kallenavn holder. Fullt navn trenger vi først når du bestiller time."
        ),
        required_message=_("Skriv et navn vi kan bruke. Et fornavn eller kallenavn holder."),
        autocomplete="given-name",
    )
    email = email_field(
        help_text=_(
            "Her får du en bekreftelse og forslaget vårt. E-postene inneholder ikke helseopplysninger."
        ),
        required_message=_("Skriv inn e-postadressen din, så vi kan sende deg forslaget."),
    )
    phone = phone_field(
        help_text=_("Hvis du vil at vi kan ringe deg. Norsk nummer med 8 siffer, eller + og landskode.")
    )
    message = forms.CharField(
        label=_("Er det noe mer du vil fortelle oss?"),
        required=False,
        max_length=MESSAGE_MAX,
        error_messages={"max_length": _("Skriv høyst %(limit_value)d tegn (nå er det %(show_value)d).")},
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    include_selftest = forms.BooleanField(label=_("Ta med resultatet fra selvtesten"), required=False)
    consent = forms.BooleanField(
        label=_(
            "Jeg samtykker i at Forløp behandler helseopplysningene i skjemaet for å finne en terapeut til meg."
        ),
        error_messages={"required": _("Du må krysse av for samtykke før vi kan ta imot forespørselen.")},
    )

    def __init__(self, *args, selftest: dict | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.selftest = selftest
        if selftest is None:
            del self.fields["include_selftest"]
        else:
            self.fields["include_selftest"].help_text = _(
                "%(instrument)s: %(total)s av %(max)s poeng, %(zone)s. Bare poengsummen tas med, ikke svarene."
            ) % {
                "instrument": selftest["name"],
                "total": selftest["total"],
                "max": selftest["max"],
                "zone": selftest["zone"],
            }
        self.fields["consent"].help_text = format_html(
            '{} <a href="{}">{}</a>',
            _(
                "Bare de som skal finne terapeut til deg, kan lese svarene, og hver gang noen gjør det, blir det "
                "logget. Fører forespørselen ikke til en time, sletter vi den etter seks måneder. Du kan trekke "
                "samtykket tilbake når som helst."
            ),
            reverse("site:privacy"),
            _("Les mer om personvern."),
        )

    def answers(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "email": data["email"],
            "phone": data["phone"],
            "message": data["message"].strip(),
        }

    @property
    def wants_selftest(self) -> bool:
        return bool(self.selftest is not None and self.cleaned_data.get("include_selftest"))


@dataclass(frozen=True)
class Step:
    number: int
    title: Any
    form_class: type[StepForm]


STEPS = (
    Step(1, _("Om deg"), AboutForm),
    Step(2, _("Rus og vaner"), UseForm),
    Step(3, _("Helse"), HealthForm),
    Step(4, _("Ønsker"), WishesForm),
    Step(5, _("Kontakt og samtykke"), ContactForm),
)
STEP_COUNT = len(STEPS)
STEP_TITLES = {step.number: step.title for step in STEPS}


# --- Staff actions ------------------------------------------------------------------------------------


OTHER = "other"


class SuggestForm(forms.Form):
    """Pick one of the engine's suggestions, or override it with any published therapist."""

    choice = forms.ChoiceField(
        label=_("Hvem vil du foreslå?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Velg hvilken terapeut du vil foreslå."),
            "invalid_choice": _("Velg en terapeut fra listen."),
        },
    )
    other = forms.TypedChoiceField(
        label=_("Annen terapeut"),
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": _("Velg en terapeut fra listen.")},
    )
    note = forms.CharField(
        label=_("Notat"),
        required=False,
        max_length=500,
        help_text=_(
            "Kort, for kollegaene: hvorfor denne terapeuten. Må fylles ut når du ikke velger forslag 1."
        ),
        error_messages={
            "max_length": _("Notatet kan ha høyst %(limit_value)d tegn (nå er det %(show_value)d).")
        },
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self, *args, suggested: list[tuple[int, str]], others: list[tuple[int, str]], **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.top_id = suggested[0][0] if suggested else None
        cast(forms.ChoiceField, self.fields["choice"]).choices = [
            (str(pk), label) for pk, label in suggested
        ] + [(OTHER, _("En annen terapeut (velg i listen under)"))]
        self.fields["choice"].initial = str(self.top_id) if self.top_id is not None else OTHER
        cast(forms.ChoiceField, self.fields["other"]).choices = [("", _("Velg terapeut")), *others]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        choice = cleaned.get("choice")
        if choice is None:
            return cleaned
        therapist_id = cleaned.get("other") if choice == OTHER else int(choice)
        if therapist_id is None:
            if "other" not in self.errors:
                self.add_error("other", _("Velg hvilken annen terapeut du vil foreslå."))
            return cleaned
        cleaned["therapist_id"] = therapist_id
        if therapist_id != self.top_id and not cleaned.get("note", "").strip():
            self.add_error(
                "note", _("Skriv en kort begrunnelse når du foreslår en annen terapeut enn forslag 1.")
            )
        return cleaned


class QuestionForm(forms.Form):
    question = forms.CharField(
        label=_("Spørsmål til personen"),
        max_length=1000,
        help_text=_(
            "Sendes på e-post. Ikke skriv helseopplysninger: spør heller om vi kan ringe, eller be personen "
            "svare på e-posten."
        ),
        error_messages={
            "required": _("Skriv spørsmålet du vil sende."),
            "max_length": _("Spørsmålet kan ha høyst %(limit_value)d tegn (nå er det %(show_value)d)."),
        },
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CloseForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Årsak"),
        choices=CloseReason.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Velg hvorfor forespørselen lukkes."),
            "invalid_choice": _("Velg en årsak."),
        },
    )
    note = forms.CharField(
        label=_("Notat"),
        required=False,
        max_length=500,
        error_messages={"max_length": _("Notatet kan ha høyst %(limit_value)d tegn.")},
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("reason") == CloseReason.OTHER and not cleaned.get("note", "").strip():
            self.add_error("note", _("Skriv kort hvorfor, når årsaken er «Annet»."))
        return cleaned


class DoctorDecisionForm(forms.Form):
    """The doctor's decision on a request flagged for medical assessment (services.record_doctor_decision)."""

    decision = forms.ChoiceField(
        label=_("Din vurdering"),
        choices=DoctorDecision.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Velg hva du anbefaler."),
            "invalid_choice": _("Velg en av vurderingene i listen."),
        },
    )
    reason = forms.CharField(
        label=_("Kort begrunnelse"),
        max_length=500,
        help_text=_(
            "Hva vurderingen bygger på. Koordinatoren ser den, og den lagres i historikken; "
            "den sendes ikke til personen."
        ),
        error_messages={
            "required": _("Skriv en kort begrunnelse for vurderingen."),
            "max_length": _("Begrunnelsen kan ha høyst %(limit_value)d tegn (nå er det %(show_value)d)."),
        },
        widget=forms.Textarea(attrs={"rows": 3}),
    )
