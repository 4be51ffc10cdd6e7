"""Taper plans: propose, edit a draft, approve with the second factor, new versions, reminders, flags.

The only writers of `TaperPlan`, `PlanVersion` and `StepReminder`. Each write re-checks the team rule
(`forlop.audit.policy`) and records itself in the audit log in its own transaction:
- creating and editing drafts: a therapist or doctor on the team (Data.TREATMENT, change);
- approving: a doctor on the team (Data.PRESCRIPTION, change) who has just re-entered the second factor
  (`forlop.accounts.stepup`).

The schedule is computed by the pure module `forlop.care.taper` from the version's inputs (a JSON dict; the
shape per kind is in `compute`) and stored beside them, so what was approved is exactly what the person sees.
"""

from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from forlop.accounts import stepup
from forlop.accounts.models import User, WebAuthnCredential
from forlop.audit import policy
from forlop.audit.models import Action
from forlop.audit.policy import Act, Data
from forlop.audit.services import record_change
from forlop.care import taper
from forlop.care.flags import Flag, Severity
from forlop.care.models import Course
from forlop.outbox.services import queue_email
from forlop.people.models import Person

from .models import Kind, PlanVersion, StepReminder, TaperPlan

OSLO = ZoneInfo("Europe/Oslo")
REMINDER_FROM = time(7)  # a step reminder is not sent before 07:00 Oslo time


class TaperInputError(ValueError):
    """The inputs cannot make a plan; the message is Norwegian and shown beside the form."""


class ApprovalRefused(Exception):
    """Approval refused (wrong or missing code, locked): the message is shown in the form."""

    def __init__(self, message: str, *, locked: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.locked = locked


def local_today(now: datetime) -> date:
    return now.astimezone(OSLO).date()


# --- computing ------------------------------------------------------------------------------------------------


def _d(value: Any, name: str) -> Decimal:
    try:
        result = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise TaperInputError(_("%(name)s må være et tall.") % {"name": name}) from None
    if not result.is_finite():
        raise TaperInputError(_("%(name)s må være et tall.") % {"name": name})
    return result


def _date(value: Any) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise TaperInputError(_("Skriv startdatoen som dd.mm.åååå.")) from None


def _time(value: Any) -> time:
    try:
        return time.fromisoformat(str(value).strip().replace(".", ":"))
    except ValueError:
        raise TaperInputError(_("Skriv klokkeslett som tt:mm, for eksempel 08:00.")) from None


def _doses_json(schedule: Mapping[date, list[taper.Dose]]) -> list[dict[str, Any]]:
    return [
        {
            "date": day.isoformat(),
            "doses": [{"time": f"{d.time:%H:%M}", "drug": d.drug, "mg": str(d.mg)} for d in doses],
        }
        for day, doses in sorted(schedule.items())
    ]


def compute(kind: str, inputs: Mapping[str, Any]) -> dict[str, Any]:
    """The schedule JSON for `inputs`, or TaperInputError with a Norwegian message.

    Inputs per kind (numbers as strings, dates ISO, times "HH:MM"):
    - benzodiazepine: doses [{drug, mg_per_day}], overrides [{drug, mg, reason}], switch_weeks 0-2,
      rate_percent 10-20, slow_below_mg, target_mg, times [..], strengths [..], halves, pauses [{week, weeks,
      reason}], start;
    - alcohol-fixed: start, diazepam_dose_mg, doses_per_day [..], thiamine_mg_per_day, thiamine_days, times;
    - alcohol-ciwa: start, diazepam_dose_mg, ciwa_threshold, thiamine_mg_per_day, thiamine_days, thiamine_time;
    - opioid-buprenorphine-naloxone: start, daily_doses_mg [..], dosing_time.
    """
    try:
        if kind == Kind.BENZODIAZEPINE:
            return _compute_benzodiazepine(inputs)
        return _compute_template(kind, inputs)
    except TaperInputError:
        raise
    except taper.UnknownDrug as exc:
        raise TaperInputError(
            _("Et av legemidlene står ikke i tabellen over benzodiazepiner og z-hypnotika: %(error)s")
            % {"error": exc}
        ) from None
    except (ValueError, KeyError, TypeError) as exc:
        raise TaperInputError(_norwegian(str(exc))) from None


def _norwegian(error: str) -> str:
    """forlop.care.taper's refusals (English, for developers) in words for the doctor."""
    known = [
        ("target must be below", _("Måldosen må være lavere enn startdosen.")),
        ("the target", _("Måldosen går ikke opp i tablettstyrkene fordelt på tidspunktene.")),
        (
            "cannot be made from the tablets",
            _("Dosen går ikke opp i tablettene. Velg mindre styrker, eller tillat halve tabletter."),
        ),
        ("cannot pause in week", _("En pause må ligge innenfor planens uker.")),
        ("a pause starts", _("En pause starter i uke 1 eller senere og varer minst én uke.")),
        ("need at least", _("Antall doser per dag kan ikke være flere enn antall tidspunkt.")),
        ("dosing times", _("Velg 1-6 ulike tidspunkt for dosene.")),
        (
            "more doses a day than the day before",
            _("Et fast skjema gir aldri flere doser en dag enn dagen før."),
        ),
        ("never rises again", _("En dose kan ikke økes igjen etter at den er satt ned.")),
        ("thiamine", _("Sett diazepamdose, tiamindose og minst én dag med tiamin.")),
        ("CIWA-Ar threshold", _("CIWA-Ar-grensen må være mellom 1 og 67.")),
        ("at least one day's dose", _("Skriv inn minst én dags dose.")),
        ("nothing to taper", _("Døgndosen er null; det er ingenting å trappe ned.")),
        ("weekly reduction", _("Den ukentlige reduksjonen må være 10-20 % av startdosen.")),
        (
            "switch",
            _("Byttet til diazepam tar 1 eller 2 uker, og krever omregning av legemidlene personen bruker."),
        ),
        ("negative", _("En dose kan ikke være negativ.")),
        ("overriding factor", _("En endret faktor må være over 0 og ha en begrunnelse.")),
        ("tablet strength", _("Oppgi minst én tablettstyrke over 0 mg.")),
        ("slower end step", _("Den langsommere nedtrappingen mot slutten er feil satt.")),
    ]
    for needle, message in known:
        if needle in error:
            return message
    return _("Planen kan ikke lages med disse verdiene. Se over dosene, tidspunktene og datoene.")


def _compute_benzodiazepine(inputs: Mapping[str, Any]) -> dict[str, Any]:
    doses = [
        taper.CurrentDose(str(row["drug"]), _d(row["mg_per_day"], _("Døgndosen")))
        for row in inputs.get("doses", [])
    ]
    if not doses:
        raise TaperInputError(_("Skriv inn minst ett legemiddel personen bruker nå, med døgndose."))
    overrides = {}
    for row in inputs.get("overrides", []):
        if not str(row.get("reason", "")).strip():
            raise TaperInputError(_("En endret omregningsfaktor må ha en begrunnelse."))
        overrides[str(row["drug"])] = taper.FactorOverride(
            _d(row["mg"], _("Faktoren")), str(row["reason"]), str(row.get("by", ""))
        )
    conversion = taper.convert_to_diazepam(doses, overrides=overrides)
    strengths = taper.TabletStrengths(
        tuple(_d(m, _("Tablettstyrken")) for m in inputs.get("strengths", ["2", "5", "10"])),
        halves=bool(inputs.get("halves", False)),
    )
    pauses = [
        taper.Pause(int(p["week"]), int(p.get("weeks", 1)), str(p.get("reason", "")))
        for p in inputs.get("pauses", [])
    ]
    plan = taper.propose_benzodiazepine_taper(
        start=_date(inputs["start"]),
        conversion=conversion,
        rate_percent=int(inputs.get("rate_percent", 10)),
        switch_weeks=int(inputs.get("switch_weeks", 0)),
        slow_below_mg=_d(inputs.get("slow_below_mg", "10"), _("Grensen for langsommere nedtrapping")),
        target_mg=_d(inputs.get("target_mg", "0"), _("Måldosen")),
        times=[_time(t) for t in inputs.get("times", ["08:00", "20:00"])],
        strengths=strengths,
        pauses=pauses,
    )
    return {
        "kind": Kind.BENZODIAZEPINE,
        "title": _("Nedtrapping av benzodiazepiner og z-hypnotika"),
        "approximate": True,
        "conversion": {
            "total_diazepam_mg": str(conversion.diazepam_mg),
            "lines": [
                {
                    "drug": line.drug,
                    "named_as": line.named_as,
                    "mg_per_day": str(line.mg_per_day),
                    "factor_mg": str(line.factor_mg),
                    "table_factor_mg": str(line.table_factor_mg),
                    "diazepam_mg": str(line.diazepam_mg),
                    "override_reason": line.override.reason if line.override else "",
                }
                for line in conversion.lines
            ],
        },
        "starting_dose_mg": str(plan.starting_dose_mg),
        "step_mg": str(plan.step_mg),
        "length_weeks": plan.length_weeks,
        "steps": [
            {
                "start": step.start.isoformat(),
                "end": step.end.isoformat(),
                "weeks": step.weeks,
                "phase": step.phase,
                "paused_weeks": step.paused_weeks,
                "diazepam_mg_per_day": str(step.mg_per_day()),
                "doses": [{"time": f"{d.time:%H:%M}", "drug": d.drug, "mg": str(d.mg)} for d in step.doses],
            }
            for step in plan.steps
        ],
        "days": _doses_json(plan.schedule()),
        "flags": [str(f.message) for f in plan.flags],
        "notes": [
            _(
                "Omregningen til diazepam er omtrentlig. Tabellene i kildene spriker, for noen legemidler med "
                "opptil det dobbelte. Legen vurderer hver faktor."
            ),
            _(
                "Dosen økes aldri igjen når den først er satt ned. Trengs mer tid, forlenges trinnet i stedet."
            ),
        ],
        "warnings": [],
    }


def _compute_template(kind: str, inputs: Mapping[str, Any]) -> dict[str, Any]:
    start = _date(inputs["start"])
    if kind == Kind.ALCOHOL_FIXED:
        template = taper.alcohol_fixed_template(
            start=start,
            diazepam_dose_mg=_d(inputs["diazepam_dose_mg"], _("Diazepamdosen")),
            thiamine_mg_per_day=_d(inputs["thiamine_mg_per_day"], _("Tiamindosen")),
            doses_per_day=[int(n) for n in inputs.get("doses_per_day", [4, 3, 2, 1])],
            thiamine_days=int(inputs.get("thiamine_days", 7)),
            times=[_time(t) for t in inputs.get("times", ["08:00", "13:00", "18:00", "22:00"])],
        )
    elif kind == Kind.ALCOHOL_CIWA:
        template = taper.alcohol_ciwa_template(
            start=start,
            diazepam_dose_mg=_d(inputs["diazepam_dose_mg"], _("Diazepamdosen")),
            ciwa_threshold=int(inputs["ciwa_threshold"]),
            thiamine_mg_per_day=_d(inputs["thiamine_mg_per_day"], _("Tiamindosen")),
            thiamine_days=int(inputs.get("thiamine_days", 7)),
            thiamine_time=_time(inputs.get("thiamine_time", "08:00")),
        )
    elif kind == Kind.BUPRENORPHINE:
        template = taper.buprenorphine_naloxone_template(
            start=start,
            daily_doses_mg=[_d(m, _("Døgndosen")) for m in inputs["daily_doses_mg"]],
            dosing_time=_time(inputs.get("dosing_time", "08:00")),
        )
    else:
        raise TaperInputError(_("Ukjent type plan."))
    result: dict[str, Any] = {
        "kind": kind,
        "title": str(template.title),
        "approximate": False,
        "days": _doses_json(template.schedule()),
        "flags": [],
        "notes": [str(n) for n in template.notes],
        "warnings": [str(w) for w in template.warnings],
    }
    if template.ciwa_threshold is not None and template.ciwa_dose is not None:
        result["ciwa"] = {"threshold": template.ciwa_threshold, "diazepam_mg": str(template.ciwa_dose.mg)}
    return result


def default_inputs(kind: str, *, course: Course, today: date) -> dict[str, Any]:
    """The software's proposal: the guideline's defaults, and the current doses carried over from the
    course where they were recorded (`carried_over["current_doses"]`: [{drug, mg_per_day}])."""
    start = (today + timedelta(days=1)).isoformat()
    if kind == Kind.BENZODIAZEPINE:
        carried = course.carried_over.get("current_doses") if isinstance(course.carried_over, dict) else None
        doses = []
        for row in carried or []:
            try:
                found = taper.find_drug(str(row["drug"]))
                doses.append({"drug": found.drug, "mg_per_day": str(_d(row["mg_per_day"], ""))})
            except (taper.UnknownDrug, KeyError, TypeError, TaperInputError):
                continue
        return {
            "doses": doses,
            "overrides": [],
            "switch_weeks": 2 if any(d["drug"] != "diazepam" for d in doses) else 0,
            "rate_percent": 10,
            "slow_below_mg": "10",
            "target_mg": "0",
            "times": ["08:00", "20:00"],
            "strengths": ["2", "5", "10"],
            "halves": False,
            "pauses": [],
            "start": start,
        }
    if kind == Kind.ALCOHOL_FIXED:
        return {
            "start": start,
            "diazepam_dose_mg": "",
            "doses_per_day": [4, 3, 2, 1],
            "thiamine_mg_per_day": "",
            "thiamine_days": 7,
            "times": ["08:00", "13:00", "18:00", "22:00"],
        }
    if kind == Kind.ALCOHOL_CIWA:
        return {
            "start": start,
            "diazepam_dose_mg": "",
            "ciwa_threshold": 10,
            "thiamine_mg_per_day": "",
            "thiamine_days": 7,
            "thiamine_time": "08:00",
        }
    return {"start": start, "daily_doses_mg": [], "dosing_time": "08:00"}


def try_compute(kind: str, inputs: Mapping[str, Any]) -> tuple[dict[str, Any], str]:
    """(schedule, "") or ({}, the Norwegian reason) — a draft may be saved before it makes a plan."""
    try:
        return compute(kind, inputs), ""
    except TaperInputError as exc:
        return {}, str(exc)


def _span(schedule: Mapping[str, Any]) -> tuple[date | None, date | None]:
    days = schedule.get("days") or []
    if not days:
        return None, None
    return date.fromisoformat(days[0]["date"]), date.fromisoformat(days[-1]["date"])


# --- who may ----------------------------------------------------------------------------------------------------


def _require(by: User, course: Course, data: Data) -> None:
    if not policy.may(by, Act.CHANGE, data, team=course.team_user_ids()):
        if data == Data.PRESCRIPTION:
            raise PermissionDenied(_("Bare legen i teamet kan godkjenne en nedtrappingsplan."))
        raise PermissionDenied(_("Bare terapeuten eller legen i teamet kan endre nedtrappingsplanen."))


# --- writes ---------------------------------------------------------------------------------------------------


@transaction.atomic
def propose(*, by: User, course: Course, kind: str, now: datetime | None = None) -> PlanVersion:
    """The software's proposal as the first draft of a new plan (or the open draft, if the plan exists)."""
    now = now or timezone.now()
    _require(by, course, Data.TREATMENT)
    if kind not in Kind.values:
        raise TaperInputError(_("Ukjent type plan."))
    plan, created = TaperPlan.objects.get_or_create(
        course=course, kind=kind, defaults={"created_at": now, "created_by": by}
    )
    if not created:
        draft = plan.versions.filter(approved_at__isnull=True).first()
        if draft is not None:
            return draft
        return new_version(by=by, plan=plan, reason=_("Ny versjon foreslått fra planoversikten."), now=now)
    inputs = default_inputs(kind, course=course, today=local_today(now))
    schedule, _error = try_compute(kind, inputs)
    first, last = _span(schedule)
    version = PlanVersion.objects.create(
        plan=plan,
        number=1,
        inputs=inputs,
        schedule=schedule,
        created_at=now,
        proposed_by=by,
        first_day=first,
        last_day=last,
    )
    record_change(by=by, obj=version, subject=course.person, action=Action.CREATE, why="Nedtrapping: forslag")
    return version


@transaction.atomic
def save_draft(
    *, by: User, version: PlanVersion, inputs: Mapping[str, Any], now: datetime | None = None
) -> PlanVersion:
    """Store edited inputs and their schedule. Raises TaperInputError (nothing saved) when they make no plan."""
    now = now or timezone.now()
    version = PlanVersion.objects.select_for_update().select_related("plan__course").get(pk=version.pk)
    course = version.plan.course
    _require(by, course, Data.TREATMENT)
    if version.approved_at is not None:
        raise PermissionDenied(_("Denne versjonen er godkjent og kan ikke endres. Lag en ny versjon."))
    schedule = compute(version.plan.kind, inputs)
    version.inputs = dict(inputs)
    version.schedule = schedule
    version.first_day, version.last_day = _span(schedule)
    version.edited_at, version.edited_by = now, by
    version.save()
    record_change(by=by, obj=version, subject=course.person, why="Nedtrapping: utkast endret")
    return version


@transaction.atomic
def new_version(*, by: User, plan: TaperPlan, reason: str, now: datetime | None = None) -> PlanVersion:
    """A draft that starts from the latest version's inputs; `reason` says why the plan changes."""
    now = now or timezone.now()
    plan = TaperPlan.objects.select_for_update().select_related("course").get(pk=plan.pk)
    _require(by, plan.course, Data.TREATMENT)
    if not reason.strip():
        raise TaperInputError(_("Skriv hvorfor planen endres."))
    latest = plan.versions.order_by("-number").first()
    if latest is not None and latest.approved_at is None:
        raise TaperInputError(_("Planen har allerede et utkast som venter. Endre det i stedet."))
    inputs = (
        dict(latest.inputs)
        if latest
        else default_inputs(plan.kind, course=plan.course, today=local_today(now))
    )
    schedule, _error = try_compute(plan.kind, inputs)
    first, last = _span(schedule)
    version = PlanVersion.objects.create(
        plan=plan,
        number=(latest.number + 1) if latest else 1,
        inputs=inputs,
        schedule=schedule,
        reason=reason.strip(),
        created_at=now,
        proposed_by=by,
        first_day=first,
        last_day=last,
    )
    record_change(
        by=by, obj=version, subject=plan.course.person, action=Action.CREATE, why="Nedtrapping: ny versjon"
    )
    return version


def approve(
    *,
    by: User,
    version: PlanVersion,
    code: str,
    ip_hash: str = "",
    user_agent: str = "",
    now: datetime | None = None,
    passkey: WebAuthnCredential | None = None,
) -> PlanVersion:
    """Approve a draft: a doctor on the team, with a freshly re-entered second factor (a code, or `passkey`:
    the passkey that has just answered the step-up challenge, from `stepup.take_passkey_proof`). The code is checked
    (and a wrong one logged, and counted) before anything else is written; two doctors approving the same
    draft at once: one wins, the other is told it is already approved."""
    now = now or timezone.now()
    plan = version.plan
    _require(by, plan.course, Data.PRESCRIPTION)
    if PlanVersion.objects.filter(pk=version.pk, approved_at__isnull=False).exists():
        raise ApprovalRefused(_("Denne versjonen er allerede godkjent."))
    if not version.schedule:
        raise ApprovalRefused(_("Utkastet gir ingen plan ennå. Fyll ut og lagre det før du godkjenner."))
    checked = stepup.verify_code(
        user=by, code=code, ip_hash=ip_hash, user_agent=user_agent, now=now, passkey=passkey
    )
    if not checked.ok:
        raise ApprovalRefused(checked.error, locked=checked.locked)
    with transaction.atomic():
        claimed = PlanVersion.objects.filter(pk=version.pk, approved_at__isnull=True).update(
            approved_at=now, approved_by=by
        )
        if claimed != 1:
            raise ApprovalRefused(_("Denne versjonen er allerede godkjent."))
        version.refresh_from_db()
        record_change(
            by=by,
            obj=version,
            subject=plan.course.person,
            why=f"Nedtrapping: versjon {version.number} godkjent med andre faktor",
        )
    return version


# --- reads ----------------------------------------------------------------------------------------------------


def latest_approved(plan: TaperPlan) -> PlanVersion | None:
    return plan.versions.filter(approved_at__isnull=False).order_by("-number").first()


def approved_plans_for(person: Person) -> list[tuple[TaperPlan, PlanVersion]]:
    """The person's plans that have an approved version, each with its latest approved version (what the
    person sees). Two queries. For Min side ("Mitt forløp" links to `care_tapering:mine_plan`)."""
    plans = list(
        TaperPlan.objects.filter(course__person=person, versions__approved_at__isnull=False).distinct()
    )
    if not plans:
        return []
    latest = {}
    for version in PlanVersion.objects.filter(plan__in=plans, approved_at__isnull=False).order_by("number"):
        latest[version.plan_id] = version
    return [(plan, latest[plan.pk]) for plan in plans if plan.pk in latest]


def versions_with_status(plan: TaperPlan) -> list[tuple[PlanVersion, str]]:
    versions = list(
        plan.versions.select_related("proposed_by", "edited_by", "approved_by").order_by("-number")
    )
    newest_approved = max((v.number for v in versions if v.approved_at is not None), default=None)
    return [(v, v.status_given(newest_approved)) for v in versions]


def flags_for(course_ids: Iterable[int], *, now: datetime) -> dict[int, list[Flag]]:
    """ "Nedtrappingsplan venter på godkjenning" for every course with a draft that makes a plan. One query."""
    ids = list(course_ids)
    found: dict[int, list[Flag]] = {pk: [] for pk in ids}
    if not ids:
        return found
    drafts = (
        PlanVersion.objects.filter(plan__course_id__in=ids, approved_at__isnull=True)
        .exclude(schedule={})
        .values_list("plan__course_id", "plan_id", "number", "plan__kind", "created_at")
    )
    for course_id, plan_id, number, kind, created_at in drafts:
        found[course_id].append(
            Flag(
                course_id=course_id,
                kind="plan_awaiting_approval",
                label=_("Nedtrappingsplan venter på godkjenning"),
                why=_("%(kind)s, versjon %(number)s, er et utkast fra %(when)s som legen ikke har godkjent.")
                % {
                    "kind": Kind(kind).label,
                    "number": number,
                    "when": created_at.astimezone(OSLO).strftime("%d.%m.%Y"),
                },
                severity=Severity.WARNING,
                url=reverse(
                    "care_tapering:version",
                    kwargs={"course_pk": course_id, "plan_pk": plan_id, "number": number},
                ),
                for_doctor=True,
            )
        )
    return found


# --- reminders --------------------------------------------------------------------------------------------------


def change_days(schedule: Mapping[str, Any]) -> list[date]:
    """The days a dose changes: every day whose doses differ from the day before, and the day after the last
    day when the plan ends on a dose (the day it stops). The first day is the start, not a change."""
    days = schedule.get("days") or []
    changes = []
    for before, day in zip(days, days[1:], strict=False):
        if before["doses"] != day["doses"]:
            changes.append(date.fromisoformat(day["date"]))
    if days and days[-1]["doses"]:
        changes.append(date.fromisoformat(days[-1]["date"]) + timedelta(days=1))
    return changes


def send_step_reminders(*, now: datetime | None = None) -> int:
    """Queue "Planen din endres i dag" for each approved plan whose dose changes today (Oslo), once per plan and
    day: the StepReminder row's unique key is claimed in the same transaction as the email, so many workers
    send it once. No dose and no substance name goes in the email, only a link to Min side."""
    now = now or timezone.now()
    local = now.astimezone(OSLO)
    if local.time() < REMINDER_FROM:
        return 0
    today = local.date()
    newer = PlanVersion.objects.filter(
        plan_id=OuterRef("plan_id"), approved_at__isnull=False, number__gt=OuterRef("number")
    )
    candidates = (
        PlanVersion.objects.filter(
            approved_at__isnull=False, first_day__lt=today, last_day__gte=today - timedelta(days=1)
        )
        .exclude(Exists(newer))
        .exclude(plan__course__phase="avsluttet")
        .exclude(plan__step_reminders__day=today)
        .select_related("plan__course__person")
    )
    sent = 0
    for version in candidates:
        if today not in change_days(version.schedule):
            continue
        person = version.plan.course.person
        if not person.email:
            continue
        try:
            with transaction.atomic():
                StepReminder.objects.create(plan=version.plan, day=today, version=version, sent_at=now)
                queue_email(
                    to=person.email,
                    template="care_tapering_step",
                    context={
                        "link": settings.SITE_URL
                        + reverse("care_tapering:mine_plan", kwargs={"plan_pk": version.plan_id})
                    },
                )
        except IntegrityError:
            continue  # another worker claimed it
        sent += 1
    return sent
