"""The match form's answers as one dict shaped like `MatchRequest`'s fields, and what is derived from them:
the triage (forlop.lib.triage), the matching engine's request, and the readable summary that the person reviews before
sending and staff read in the queue. Pure: no ORM, no clock.

The vocabularies below are the form's choices. Substances, methods, languages, meeting modes, days and parts
of day are the keys of forlop.therapists.vocabulary, so a form choice always means the same as a therapist's
profile.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from forlop.lib import triage
from forlop.therapists import vocabulary

from . import engine

WHO_FOR = {"self": _("Meg selv"), "loved_one": _("En jeg er glad i")}
AGE_GROUPS = {
    "under_16": _("Under 16 år"),
    "16_17": _("16–17 år"),
    "18_25": _("18–25 år"),
    "26_40": _("26–40 år"),
    "41_60": _("41–60 år"),
    "over_60": _("Over 60 år"),
}
# Before the form asked 16–17 separately it had one "under_18" group; old rows keep their label.
LEGACY_AGE_GROUPS = {"under_18": _("Under 18 år")}
YOUTH_AGE_GROUPS = frozenset({"under_16", "16_17", "under_18", "18_25"})
TRIAGE_AGES = {"under_16": triage.UNDER_16, "16_17": triage.AGE_16_17, "under_18": triage.UNDER_16}
RELATIVE_GOAL = "relative"
GOALS = {
    "stop": _("Slutte helt"),
    "cut_down": _("Bruke mindre"),
    "understand": _("Forstå mer om bruken og hva den gjør med meg"),
    RELATIVE_GOAL: _("Få hjelp som pårørende"),
}
DURATIONS = {
    "under_1": _("Under ett år"),
    "1_5": _("Ett til fem år"),
    "over_5": _("Mer enn fem år"),
    "unknown": _("Vet ikke"),
}
EARLIER_TREATMENT = {
    "none": _("Nei"),
    "treatment": _("Ja, behandling eller terapi"),
    "detox": _("Ja, avrusning"),
    "both": _("Ja, både behandling og avrusning"),
}
MENTAL_HEALTH = {
    "angst_depresjon": _("Angst eller depresjon"),
    "traumer": _("Traumer eller vonde opplevelser"),
    "other": _("Annet som går på psyken løs"),
}
MENTAL_HEALTH_THEMES = frozenset(MENTAL_HEALTH) & frozenset(vocabulary.THEMES)
NO_GENDER_WISH = ""
GENDER_WISHES = {NO_GENDER_WISH: _("Spiller ingen rolle"), "kvinne": _("Kvinne"), "mann": _("Mann")}
BUDGETS = {
    "fine": _("Ja, det passer"),
    "unsure": _("Jeg er usikker og vil gjerne vite mer"),
    "hard": _("Det blir vanskelig økonomisk"),
}
PRICE_FROM_ORE = 49_500

# Every answer key and its default, in the order the form asks. `MatchRequest(**answers)` takes these.
ANSWER_DEFAULTS: dict[str, Any] = {
    "who_for": "",
    "age_group": "",
    "goals": [],
    "acute_signs": [],
    "substances": [],
    "duration": "",
    "frequencies": {},
    "frequency": "",
    "amount": "",
    "alcohol_morning": "",
    "earlier_treatment": "",
    "earlier_seizures": "",
    "mental_health": [],
    "physical_health": "",
    "medication": "",
    "benzo_use": "",
    "opioid_use": "",
    "epilepsy": "",
    "pregnant": "",
    "gender_preference": "",
    "gender_required": False,
    "languages": [],
    "methods": [],
    "meeting_modes": [],
    "place": "",
    "days": [],
    "times": [],
    "budget": "",
    "name": "",
    "email": "",
    "phone": "",
    "message": "",
}


def capitalised(label: object) -> str:
    text = str(label)
    return text[:1].upper() + text[1:]


def use_of(answers: Mapping[str, Any]) -> dict[str, str]:
    """How often each named substance is used. Rows from before the form asked per substance have one
    `frequency` for "what is used most": it is applied to every substance, which never hides a risk."""
    substances = [key for key in answers.get("substances") or () if key in triage.SUBSTANCE_KEYS]
    frequencies = answers.get("frequencies") or {}
    fallback = answers.get("frequency") if answers.get("frequency") in triage.FREQUENCIES else None
    use = {}
    for key in substances:
        value = frequencies.get(key) or fallback
        if value in triage.FREQUENCIES:
            use[key] = value
    return use


def triage_answers(answers: Mapping[str, Any]) -> triage.Answers:
    free_text = "\n".join(answers.get(name) or "" for name in ("medication", "physical_health"))
    return triage.Answers(
        who=triage.RELATIVE if answers.get("who_for") == "loved_one" else triage.SELF,
        age=TRIAGE_AGES.get(
            answers.get("age_group") or "", triage.ADULT if answers.get("age_group") else None
        ),
        acute=frozenset(key for key in answers.get("acute_signs") or () if key in triage.ACUTE_SIGNS),
        use=use_of(answers),
        alcohol_amount=answers.get("amount") or None,
        alcohol_morning=answers.get("alcohol_morning") or None,
        earlier_seizures=answers.get("earlier_seizures") or None,
        epilepsy=answers.get("epilepsy") or None,
        benzos=answers.get("benzo_use") or None,
        opioids=answers.get("opioid_use") or None,
        pregnant=answers.get("pregnant") or None,
        free_text=free_text,
    )


def assess(answers: Mapping[str, Any]) -> triage.Triage:
    return triage.assess(triage_answers(answers))


def relative_support_only(answers: Mapping[str, Any]) -> bool:
    """The person asks only for help as a relative: the one who may need detox is not the one matched."""
    return set(answers.get("goals") or ()) == {RELATIVE_GOAL}


def engine_request(answers: Mapping[str, Any]) -> engine.MatchRequest:
    """The engine's view of the answers. Unknown keys (a stale session, an old row) are dropped rather than
    allowed to stop a request from being matched at all."""
    themes = {key for key in answers.get("mental_health") or () if key in MENTAL_HEALTH_THEMES}
    if answers.get("age_group") in YOUTH_AGE_GROUPS:
        themes.add("ungdom")
    gender = answers.get("gender_preference") or None
    if gender not in vocabulary.GENDERS:
        gender = None
    days = [day for day in answers.get("days") or () if day in vocabulary.WEEKDAYS]
    times = [part for part in answers.get("times") or () if part in vocabulary.PARTS_OF_DAY]
    return engine.MatchRequest(
        substances=frozenset(key for key in answers.get("substances") or () if key in vocabulary.SUBSTANCES),
        themes=frozenset(themes),
        for_relative=RELATIVE_GOAL in (answers.get("goals") or ()),
        languages=frozenset(key for key in answers.get("languages") or () if key in vocabulary.LANGUAGES),
        meeting_modes=frozenset(
            key for key in answers.get("meeting_modes") or () if key in vocabulary.MEETING_MODES
        ),
        place=(answers.get("place") or "").strip() or None,
        gender_preference=gender,
        gender_required=bool(answers.get("gender_required")) and gender is not None,
        methods=frozenset(key for key in answers.get("methods") or () if key in vocabulary.METHODS),
        preferred_times=frozenset((day, part) for day in days for part in times),
        **_clinical_needs(answers),
    )


def _clinical_needs(answers: Mapping[str, Any]) -> dict[str, bool]:
    """What the triage asks of the clinician. A relative asking only for their own help is matched to
    relatives' work, yet a flagged request is still matched only to authorised health personnel."""
    verdict = assess(answers)
    for_the_person = not relative_support_only(answers)
    return {
        "doctor_review": verdict.doctor_review,
        "residential_likely": verdict.help_on_to_residential and for_the_person,
        "needs_medical_detox": verdict.outpatient_detox and for_the_person,
    }


# --- The readable summary -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    label: str
    value: str


@dataclass(frozen=True)
class Section:
    step: int
    title: str
    rows: tuple[Row, ...]


NONE = _("Ingen")


def _one(vocabulary: Mapping[Any, object], key: Any) -> str:
    if key in (None, "") and key not in vocabulary:
        return str(_("Ikke svart"))
    return capitalised(vocabulary.get(key, key))


def _many(vocabulary: Mapping[Any, object], keys: Any, empty: Promise | str = NONE) -> str:
    labels = [capitalised(vocabulary.get(key, key)) for key in vocabulary if key in (keys or ())]
    return ", ".join(labels) if labels else str(empty)


def _text(value: str) -> str:
    return value.strip() or str(_("Ikke fylt ut"))


def _frequencies(answers: Mapping[str, Any]) -> str:
    """ "Alkohol: daglig eller nesten daglig; cannabis: sjeldnere enn hver uke"."""
    use = use_of(answers)
    if not use:
        return str(_("Ikke svart"))
    return "; ".join(
        f"{capitalised(vocabulary.SUBSTANCES[key])}: {str(triage.FREQUENCIES[use[key]]).lower()}"
        for key in vocabulary.SUBSTANCES
        if key in use
    )


def describe(answers: Mapping[str, Any], *, step_titles: Mapping[int, object]) -> list[Section]:
    """What the person answered, grouped by form step, in words (for the summary page and the staff view)."""
    acute = set(answers.get("acute_signs") or ())
    yes, no = str(_("Ja")), str(_("Nei"))
    gender = _one(GENDER_WISHES, answers.get("gender_preference") or "")
    if answers.get("gender_preference") and answers.get("gender_required"):
        gender = str(_("%(gender)s (et krav)")) % {"gender": gender}
    modes = _many(vocabulary.MEETING_MODES, answers.get("meeting_modes"), _("Alt passer"))
    if vocabulary.IN_PERSON in (answers.get("meeting_modes") or ()) and answers.get("place"):
        modes = str(_("%(modes)s – oppmøte i %(place)s")) % {"modes": modes, "place": answers["place"]}
    alcohol_rows = []
    if triage.ALCOHOL in (answers.get("substances") or ()):
        alcohol_rows = [
            Row(
                str(_("Hvor mye alkohol på en vanlig drikkedag")),
                _one(triage.ALCOHOL_AMOUNTS, answers.get("amount")),
            ),
            Row(
                str(_("Drikker om morgenen, eller skjelver uten alkohol")),
                _one(triage.YES_NO_UNKNOWN, answers.get("alcohol_morning")),
            ),
        ]
    medicine_rows = []
    if answers.get("benzo_use") or answers.get("opioid_use") or answers.get("epilepsy"):  # old rows: none
        medicine_rows = [
            Row(
                str(_("Beroligende medisiner eller sovemedisiner")),
                _one(triage.MEDICINE_USE, answers.get("benzo_use")),
            ),
            Row(str(_("Opioider")), _one(triage.MEDICINE_USE, answers.get("opioid_use"))),
            Row(
                str(_("Epilepsi eller andre krampeanfall")),
                _one(triage.YES_NO_UNKNOWN, answers.get("epilepsy")),
            ),
        ]
    rows = {
        1: [
            Row(str(_("Hvem gjelder det")), _one(WHO_FOR, answers.get("who_for"))),
            Row(str(_("Alder")), _one({**AGE_GROUPS, **LEGACY_AGE_GROUPS}, answers.get("age_group"))),
            Row(str(_("Mål")), _many(GOALS, answers.get("goals"))),
            *(
                Row(capitalised(label), yes if key in acute else no)
                for key, label in triage.ACUTE_SIGNS.items()
            ),
        ],
        2: [
            Row(str(_("Rusmidler og vaner")), _many(vocabulary.SUBSTANCES, answers.get("substances"))),
            Row(str(_("Hvor lenge")), _one(DURATIONS, answers.get("duration"))),
            Row(str(_("Hvor ofte")), _frequencies(answers)),
            *alcohol_rows,
            Row(str(_("Tidligere behandling")), _one(EARLIER_TREATMENT, answers.get("earlier_treatment"))),
            Row(
                str(_("Tidligere kramper eller delirium ved abstinenser")),
                _one(triage.YES_NO_UNKNOWN, answers.get("earlier_seizures")),
            ),
        ],
        3: [
            Row(str(_("Psykisk helse")), _many(MENTAL_HEALTH, answers.get("mental_health"))),
            Row(str(_("Fysisk helse")), _text(answers.get("physical_health") or "")),
            Row(str(_("Medisiner")), _text(answers.get("medication") or "")),
            *medicine_rows,
            Row(str(_("Gravid")), _one(triage.PREGNANCY_ANSWERS, answers.get("pregnant"))),
        ],
        4: [
            Row(str(_("Terapeutens kjønn")), gender),
            Row(
                str(_("Språk")),
                _many(vocabulary.LANGUAGES, answers.get("languages"), _("Norsk eller hva som helst")),
            ),
            Row(str(_("Metoder")), _many(vocabulary.METHODS, answers.get("methods"), _("Ingen ønsker"))),
            Row(str(_("Møteform")), modes),
            Row(str(_("Dager")), _many(vocabulary.WEEKDAYS, answers.get("days"), _("Alle dager"))),
            Row(
                str(_("Tid på dagen")),
                _many(vocabulary.PARTS_OF_DAY, answers.get("times"), _("Når som helst")),
            ),
            Row(str(_("Pris")), _one(BUDGETS, answers.get("budget"))),
        ],
        5: [
            Row(str(_("Navn")), _text(answers.get("name") or "")),
            Row(str(_("E-post")), _text(answers.get("email") or "")),
            Row(str(_("Telefon")), _text(answers.get("phone") or "")),
            Row(str(_("Fritekst")), _text(answers.get("message") or "")),
        ],
    }
    return [Section(step, str(step_titles[step]), tuple(rows[step])) for step in rows if step in step_titles]
