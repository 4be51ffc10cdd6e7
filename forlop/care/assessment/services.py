"""The only writers of the kartlegging and the setting decisions, and the readers other pages use.

`save_assessment` and `decide_setting` take `by=` (who acts), check the one access policy (Data.TREATMENT,
change: the therapist or doctor on the team) and write the change to the access log in their own
transaction. `suggestion_for` runs the pure `setting.suggest` on what was saved; `flags_for` tells the
caseload what is left to do, in one query whatever the number of courses."""

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from forlop.accounts.models import User
from forlop.audit import policy
from forlop.audit.models import Action
from forlop.audit.policy import Act, Data
from forlop.audit.services import record_change
from forlop.care.flags import Flag, Severity
from forlop.care.models import Course, Phase
from forlop.care.withdrawal.services import LatestScore, latest_scores
from forlop.lib import triage
from forlop.matching import answers as match_answers
from forlop.therapists.vocabulary import SUBSTANCES

from . import setting
from .models import Assessment, SettingDecision, SubstanceUse

# The assessment's own fields a save writes (the children ticks and completion are stamped, not written).
FIELDS = (
    "acute_signs",
    "alcohol_morning",
    "earlier_detox_times",
    "earlier_seizures",
    "earlier_delirium",
    "epilepsy",
    "somatic_health",
    "severe_somatic",
    "oral_intake_problem",
    "mental_health",
    "severe_psychiatric",
    "medication",
    "pregnant",
    "age",
    "housing",
    "housing_note",
    "work_school",
    "network",
    "sober_support",
    "children_count",
    "children_ages",
    "children_note",
    "own_goals",
)
SUBSTANCE_FIELDS = ("amount", "units_per_day", "frequency", "route", "duration", "last_use")
# § 10 a: the three tasks when the person has children under 18, each ticked with who and when.
CHILDREN_TASKS = ("needs", "info", "followup")
STALE_AFTER = timedelta(days=14)
MIN_DIFFERING_REASON = 20


class AssessmentError(ValidationError):
    """A change the rules do not allow; the message is for the clinician."""


def _require_change(by: User, course: Course) -> None:
    if not policy.may(by, Act.CHANGE, Data.TREATMENT, team=course.team_user_ids()):
        raise PermissionDenied(_("Bare terapeut eller lege på teamet kan endre kartleggingen."))


def current(course: Course) -> Assessment | None:
    return (
        Assessment.objects.filter(course=course)
        .select_related("children_needs_by", "children_info_by", "children_followup_by", "updated_by")
        .first()
    )


def rows_of(assessment: Assessment | None) -> list[SubstanceUse]:
    return list(assessment.substances.all()) if assessment is not None else []


# --- The suggestion -----------------------------------------------------------------------------------------


def facts_of(
    assessment: Assessment | Mapping[str, Any], rows: Iterable[Any], *, pawss: int | None = None
) -> setting.Facts:
    """The pure module's facts from a saved assessment (or the same fields as a dict) and its substance rows
    (model rows or dicts with `substance`, `frequency`, `units_per_day`)."""

    def get(name: str, default: Any = "") -> Any:
        if isinstance(assessment, Mapping):
            value = assessment.get(name, default)
        else:
            value = getattr(assessment, name, default)
        return default if value is None else value

    use: dict[str, str] = {}
    units: Decimal | None = None
    for row in rows:
        read = row.get if isinstance(row, Mapping) else lambda name, row=row: getattr(row, name, None)
        substance = read("substance")
        if substance not in triage.SUBSTANCE_KEYS:
            continue
        # A substance in use whose frequency is not known yet is not assumed to be rare (unknown is not safe).
        use[substance] = read("frequency") or triage.WEEKLY
        amount = read("units_per_day")
        if substance == triage.ALCOHOL and amount is not None:
            units = Decimal(str(amount))
    free_text = "\n".join(str(get(name)) for name in ("medication", "somatic_health", "mental_health"))
    age = get("age", None)
    return setting.Facts(
        use=use,
        alcohol_units=units,
        alcohol_morning=get("alcohol_morning"),
        earlier_seizures=get("earlier_seizures"),
        earlier_delirium=get("earlier_delirium"),
        epilepsy=get("epilepsy"),
        acute=frozenset(key for key in get("acute_signs", []) if key in triage.ACUTE_SIGNS),
        severe_somatic=bool(get("severe_somatic", False)),
        severe_psychiatric=bool(get("severe_psychiatric", False)),
        oral_intake_problem=bool(get("oral_intake_problem", False)),
        pregnant=get("pregnant"),
        age=int(age) if age not in ("", None) else None,
        housing=get("housing"),
        sober_support=get("sober_support"),
        free_text=free_text,
        pawss=pawss,
    )


def latest_pawss(course: Course) -> LatestScore | None:
    """The latest PAWSS entered in the withdrawal section (its `LatestScore`), or None."""
    return latest_scores([course.pk]).get(course.pk, {}).get("pawss")


def _pawss_total(course: Course) -> int | None:
    score = latest_pawss(course)
    return score.total if score is not None and score.applicable else None


def suggestion_for(course: Course, assessment: Assessment | None = None) -> setting.Suggestion:
    assessment = assessment if assessment is not None else current(course)
    if assessment is None:
        initial = prefill(course)
        return setting.suggest(facts_of(initial["assessment"], initial["rows"], pawss=_pawss_total(course)))
    return setting.suggest(facts_of(assessment, rows_of(assessment), pawss=_pawss_total(course)))


# --- Pre-fill from the request ------------------------------------------------------------------------------

_YES_NO_UNKNOWN = frozenset({triage.YES, triage.NO, triage.UNKNOWN})
_PREGNANCY = frozenset({triage.YES, triage.NO, triage.NOT_RELEVANT})


def prefill(course: Course) -> dict[str, Any]:
    """What the person told us in the request, as initial values for a first kartlegging:
    {"assessment": {field: value}, "rows": [{substance, frequency, amount}], "selftest": {...} | None,
    "age_group": label, "goals": [labels]}. The clinician checks each with the person before saving."""
    carried = course.carried_over or {}
    answers: Mapping[str, Any] = carried.get("answers") or {}
    frequencies = match_answers.use_of(answers) if answers else {}
    substances = [key for key in (answers.get("substances") or course.substances or []) if key in SUBSTANCES]
    for key, answer in (
        (triage.BENZOS, answers.get("benzo_use")),
        (triage.OPIOIDS, answers.get("opioid_use")),
    ):
        if answer in triage.USES_MEDICINE and key not in substances:
            substances.append(key)
    amount_label = match_answers.triage.ALCOHOL_AMOUNTS.get(answers.get("amount") or "")
    rows = []
    for key in substances:
        row: dict[str, Any] = {"substance": key, "frequency": frequencies.get(key, "")}
        if key == triage.ALCOHOL and amount_label:
            row["amount"] = str(amount_label)
        rows.append(row)
    mental = [str(match_answers.MENTAL_HEALTH.get(key, key)) for key in answers.get("mental_health") or ()]
    goals = [str(match_answers.GOALS.get(key, key)) for key in answers.get("goals") or ()]
    seizures = answers.get("earlier_seizures") or ""
    values: dict[str, Any] = {
        # The match form asks one question for both ("kramper eller delirium under abstinenser før?").
        "earlier_seizures": seizures if seizures in _YES_NO_UNKNOWN else "",
        "earlier_delirium": seizures if seizures in _YES_NO_UNKNOWN else "",
        "epilepsy": answers.get("epilepsy") if answers.get("epilepsy") in _YES_NO_UNKNOWN else "",
        "alcohol_morning": answers.get("alcohol_morning")
        if answers.get("alcohol_morning") in _YES_NO_UNKNOWN
        else "",
        "pregnant": answers.get("pregnant") if answers.get("pregnant") in _PREGNANCY else "",
        "medication": answers.get("medication") or "",
        "somatic_health": answers.get("physical_health") or "",
        "mental_health": ", ".join(mental),
        "own_goals": ", ".join(goals),
        "acute_signs": [key for key in answers.get("acute_signs") or () if key in triage.ACUTE_SIGNS],
    }
    age_group = answers.get("age_group") or ""
    return {
        "assessment": values,
        "rows": rows,
        "selftest": carried.get("selftest") or None,
        "age_group": str(
            match_answers.AGE_GROUPS.get(age_group) or match_answers.LEGACY_AGE_GROUPS.get(age_group) or ""
        ),
        "goals": goals,
        "from_request": bool(answers),
    }


# --- Writing ------------------------------------------------------------------------------------------------


def _lock_or_create(course: Course, by: User, now: datetime) -> tuple[Assessment, bool]:
    found = Assessment.objects.select_for_update().filter(course=course).first()
    if found is not None:
        return found, False
    try:
        with transaction.atomic():
            return Assessment.objects.create(
                course=course, created_at=now, updated_at=now, updated_by=by
            ), True
    except IntegrityError:  # someone else saved the first version at the same moment
        return Assessment.objects.select_for_update().get(course=course), False


@transaction.atomic
def save_assessment(
    *,
    course: Course,
    by: User,
    data: Mapping[str, Any],
    substances: Mapping[str, Mapping[str, Any]],
    now: datetime | None = None,
) -> Assessment:
    """Save the kartlegging: `data` holds FIELDS, the three § 10 a ticks (`children_needs`, `children_info`,
    `children_followup`: True/False) and `completed` (True marks it as done); `substances` maps each substance
    in use to its SUBSTANCE_FIELDS. Substances left out are removed. A tick is stamped with who and when the
    first time it is set; marking it done needs the answers the setting suggestion relies on."""
    _require_change(by, course)
    if not course.is_open:
        raise AssessmentError(_("Forløpet er avsluttet, og kartleggingen kan ikke endres."))
    unknown = set(substances) - SUBSTANCES.keys()
    if unknown:
        raise AssessmentError(_("Ukjent rusmiddel: %(names)s.") % {"names": ", ".join(sorted(unknown))})
    now = now or timezone.now()
    assessment, created = _lock_or_create(course, by, now)
    for name in FIELDS:
        if name in data:
            value = data[name]
            setattr(assessment, name, "" if value is None and name not in _NULLABLE else value)
    for task in CHILDREN_TASKS:
        ticked = bool(data.get(f"children_{task}"))
        at_name, by_name = f"children_{task}_at", f"children_{task}_by"
        if ticked and getattr(assessment, at_name) is None:
            setattr(assessment, at_name, now)
            setattr(assessment, by_name, by)
        elif not ticked and getattr(assessment, at_name) is not None:
            setattr(assessment, at_name, None)
            setattr(assessment, by_name, None)
    assessment.updated_at, assessment.updated_by = now, by
    assessment.save()
    SubstanceUse.objects.filter(assessment=assessment).exclude(substance__in=list(substances)).delete()
    for key, values in substances.items():
        SubstanceUse.objects.update_or_create(
            assessment=assessment,
            substance=key,
            defaults={
                name: _EMPTY[name] if values.get(name) is None else values[name] for name in SUBSTANCE_FIELDS
            },
        )
    completed = bool(data.get("completed"))
    if completed and assessment.completed_at is None:
        suggestion = setting.suggest(facts_of(assessment, rows_of(assessment), pawss=_pawss_total(course)))
        if suggestion.missing:
            raise AssessmentError(
                _("Kartleggingen kan ikke markeres som fullført før dette er besvart: %(missing)s.")
                % {"missing": ", ".join(suggestion.missing)}
            )
        assessment.completed_at = now
        assessment.save(update_fields=["completed_at"])
    elif not completed and assessment.completed_at is not None:
        assessment.completed_at = None
        assessment.save(update_fields=["completed_at"])
    record_change(
        by=by,
        obj=assessment,
        subject=course.person,
        action=Action.CREATE if created else Action.CHANGE,
        why=_("Lagret kartlegging"),
    )
    return assessment


_NULLABLE = frozenset({"earlier_detox_times", "age", "children_count"})
_EMPTY: dict[str, Any] = {
    "amount": "",
    "units_per_day": None,
    "frequency": "",
    "route": "",
    "duration": "",
    "last_use": None,
}


@transaction.atomic
def decide_setting(
    *, course: Course, by: User, setting_key: str, reason: str, now: datetime | None = None
) -> SettingDecision:
    """Record the clinician's decision on the level of care, with why; a decision that differs from the
    suggestion needs a fuller reason. Append-only: earlier decisions stay."""
    _require_change(by, course)
    if setting_key not in setting.LEVELS:
        raise AssessmentError(_("Velg et behandlingsnivå."))
    assessment = Assessment.objects.select_for_update().filter(course=course).first()
    if assessment is None:
        raise AssessmentError(_("Lagre kartleggingen før du avgjør behandlingsnivå."))
    reason = (reason or "").strip()
    if not reason:
        raise AssessmentError(_("Skriv en begrunnelse for avgjørelsen."))
    suggested = suggestion_for(course, assessment).setting
    if setting_key != suggested and len(reason) < MIN_DIFFERING_REASON:
        raise AssessmentError(
            _("Avgjørelsen avviker fra forslaget («%(suggested)s»). Begrunn hvorfor, med minst %(n)s tegn.")
            % {"suggested": setting.LEVEL_LABELS[suggested], "n": MIN_DIFFERING_REASON}
        )
    decision = SettingDecision.objects.create(
        course=course,
        setting=setting_key,
        suggested=suggested,
        reason=reason,
        at=now or timezone.now(),
        by=by,
    )
    record_change(
        by=by,
        obj=decision,
        subject=course.person,
        action=Action.CREATE,
        why=(_("Avgjorde behandlingsnivå: %(level)s") % {"level": setting.LEVEL_LABELS[setting_key]})[:200],
    )
    return decision


def decisions(course: Course) -> list[SettingDecision]:
    return list(SettingDecision.objects.filter(course=course).select_related("by"))


# --- Flags for the caseload ---------------------------------------------------------------------------------


def flags_for(course_ids: Iterable[int], *, now: datetime) -> dict[int, list[Flag]]:
    """What is left of the kartlegging in each course: not completed 14 days after the course entered
    kartlegging; an assessment without a setting decision; children under 18 with § 10 a tasks left. One
    query whatever the number of courses."""
    ids = list(course_ids)
    if not ids:
        return {}
    rows = (
        Course.objects.filter(pk__in=ids)
        .exclude(phase=Phase.AVSLUTTET)
        .annotate(
            entered=Max("phase_changes__at", filter=Q(phase_changes__to_phase=Phase.KARTLEGGING)),
            decided=Exists(SettingDecision.objects.filter(course=OuterRef("pk"))),
        )
        .values(
            "pk",
            "phase",
            "started_at",
            "entered",
            "decided",
            "assessment__pk",
            "assessment__completed_at",
            "assessment__children_count",
            "assessment__children_needs_at",
            "assessment__children_info_at",
            "assessment__children_followup_at",
        )
    )
    found: dict[int, list[Flag]] = {}
    for row in rows:
        pk = row["pk"]
        url = reverse("care_assessment:assessment", kwargs={"course_pk": pk})
        flags: list[Flag] = []
        entered = row["entered"] or row["started_at"]
        if (
            row["phase"] == Phase.KARTLEGGING
            and row["assessment__completed_at"] is None
            and now - entered >= STALE_AFTER
        ):
            flags.append(
                Flag(
                    course_id=pk,
                    kind="assessment_incomplete",
                    label=_("Kartlegging ikke fullført"),
                    why=_(
                        "Forløpet har vært i kartlegging i %(days)s dager (grense 14) uten fullført kartlegging."
                    )
                    % {"days": (now - entered).days},
                    severity=Severity.WARNING,
                    url=url,
                )
            )
        if row["assessment__pk"] is not None and not row["decided"]:
            flags.append(
                Flag(
                    course_id=pk,
                    kind="setting_undecided",
                    label=_("Behandlingsnivå ikke avgjort"),
                    why=_(
                        "Kartleggingen er påbegynt, men ingen har registrert en avgjørelse om behandlingsnivå."
                    ),
                    severity=Severity.WARNING,
                    url=url,
                    for_doctor=True,
                )
            )
        if (row["assessment__children_count"] or 0) > 0 and not (
            row["assessment__children_needs_at"]
            and row["assessment__children_info_at"]
            and row["assessment__children_followup_at"]
        ):
            flags.append(
                Flag(
                    course_id=pk,
                    kind="children_tasks",
                    label=_("Barn som pårørende: oppgaver gjenstår"),
                    why=_(
                        "Personen har barn under 18 år, og ikke alle oppgavene etter helsepersonelloven § 10 a "
                        "er krysset av."
                    ),
                    severity=Severity.WARNING,
                    url=url,
                )
            )
        if flags:
            found[pk] = flags
    return found
