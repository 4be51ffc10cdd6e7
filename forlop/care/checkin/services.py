"""The only writers of check-ins, and the readers other pages use.

- `save_checkin`: the person enters or corrects today's or yesterday's check-in (Oslo days); the red flags
  are computed here from the answers (`redflags.evaluate`), never taken from the browser.
- `mark_seen`: a therapist or doctor on the team has seen a check-in's flags.
- `flags_for(course_ids, now=…)`: the caseload's off-track flags, a fixed number of queries (two).
- `send_digests(now=…)`: the daily email to each therapist and doctor with flags waiting: a count and a link,
  nothing else; one per staff account and day (the `DigestSent` row is claimed in the email's transaction).
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
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
from forlop.care.models import Course, TeamMember, TeamRole
from forlop.care.tapering.models import Kind, PlanVersion
from forlop.lib.timezones import OSLO
from forlop.outbox.services import queue_email
from forlop.people.models import Person
from forlop.therapists.vocabulary import SUBSTANCES

from . import days, redflags
from .models import CheckIn, DigestSent

MISSING_DAYS_DEFAULT = 3
FLAG_WINDOW = 7  # days a use-during-taper flag and the craving data reach back
DIGEST_FROM = time(7, 0)  # Oslo: the digest goes in the morning, not at midnight
TAPER_SUBSTANCE = {
    Kind.BENZODIAZEPINE: "benzodiazepiner",
    Kind.ALCOHOL_FIXED: "alkohol",
    Kind.ALCOHOL_CIWA: "alkohol",
    Kind.BUPRENORPHINE: "opioider",
}


class CheckinRejected(ValidationError):
    """The check-in cannot be saved; the message is for the person. `field` names the form field at fault."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def missing_days_limit() -> int:
    return int(getattr(settings, "CARE_CHECKIN_MISSING_DAYS", MISSING_DAYS_DEFAULT))


def open_course(person: Person) -> Course | None:
    return Course.objects.open().filter(person=person).first()


def substance_choices(course: Course) -> list[tuple[str, str]]:
    """What the person may say they used: the course's substances, then "andre rusmidler"."""
    keys = [k for k in course.substances if k in SUBSTANCES and k != "spill"]
    if "annet" not in keys:
        keys.append("annet")
    return [(k, str(SUBSTANCES[k])) for k in keys]


# --- the taper on a day -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TaperDay:
    substances: tuple[str, ...]  # what the plans covering the day taper (vocabulary keys)


def taper_on(course: Course, day: date) -> TaperDay | None:
    """The approved taper plans (latest approved version of each) whose schedule covers `day`. One query."""
    newer = PlanVersion.objects.filter(
        plan_id=OuterRef("plan_id"), approved_at__isnull=False, number__gt=OuterRef("number")
    )
    kinds = list(
        PlanVersion.objects.filter(
            plan__course=course, approved_at__isnull=False, first_day__lte=day, last_day__gte=day
        )
        .exclude(Exists(newer))
        .values_list("plan__kind", flat=True)
    )
    if not kinds:
        return None
    return TaperDay(substances=tuple(sorted({TAPER_SUBSTANCE[Kind(k)] for k in kinds})))


# --- writing ----------------------------------------------------------------------------------------------


def _require_own(by: User, course: Course) -> None:
    if course.person.user_id is None or course.person.user_id != by.pk:
        raise PermissionDenied(_("Bare personen selv kan sjekke inn."))


def _int_in(value: Any, low: int, high: int, field: str, message: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError) as error:
        raise CheckinRejected(message, field=field) from error
    if not low <= number <= high:
        raise CheckinRejected(message, field=field)
    return number


def clean_answers(course: Course, taper: TaperDay | None, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The stored fields from the form's answers, checked; taper questions are dropped outside a taper and
    what-and-how-much when nothing was used."""
    allowed = {k for k, _label in substance_choices(course)}
    used = bool(answers.get("used"))
    substances = [s for s in answers.get("substances") or [] if s in allowed] if used else []
    fields: dict[str, Any] = {
        "craving": _int_in(answers.get("craving"), 0, 10, "craving", _("Velg hvor sterkt suget var, 0-10.")),
        "used": used,
        "substances": substances,
        "amount": (answers.get("amount") or "") if used else "",
        "amount_text": (answers.get("amount_text") or "").strip()[:200] if used else "",
        "mood": _int_in(answers.get("mood"), 1, 5, "mood", _("Velg hvordan humøret har vært.")),
        "sleep": _int_in(answers.get("sleep"), 1, 3, "sleep", _("Velg hvordan du har sovet.")),
        "sleep_hours": answers.get("sleep_hours"),
        "suicide_thoughts": bool(answers.get("suicide_thoughts")),
        "seizure": bool(answers.get("seizure")),
        "taper": taper is not None,
        "dose": (answers.get("dose") or "") if taper else "",
        "withdrawal": (answers.get("withdrawal") or "") if taper else "",
        "symptoms": list(answers.get("symptoms") or []) if taper else [],
    }
    if fields["amount"] not in ("", redflags.AMOUNT_LITTLE, redflags.AMOUNT_SOME, redflags.AMOUNT_MUCH):
        raise CheckinRejected(_("Velg litt, noe eller mye."), field="amount")
    return fields


def answers_of(fields: Mapping[str, Any], taper: TaperDay | None) -> redflags.Answers:
    return redflags.Answers(
        craving=fields["craving"],
        used=fields["used"],
        substances=tuple(fields["substances"]),
        amount=fields["amount"],
        suicide_thoughts=fields["suicide_thoughts"],
        seizure=fields["seizure"],
        taper=taper is not None,
        taper_substances=taper.substances if taper else (),
        dose=fields["dose"],
        withdrawal=fields["withdrawal"],
        symptoms=tuple(fields["symptoms"]),
    )


def needs_attention(fields: Mapping[str, Any], red: list[str]) -> bool:
    return bool(red) or (fields["taper"] and fields["used"])


@transaction.atomic
def save_checkin(
    *, by: User, course: Course, day: date, answers: Mapping[str, Any], now: datetime | None = None
) -> CheckIn:
    """Enter or correct the person's check-in for `day` (today or yesterday in Oslo). Two people cannot
    make two rows for one day: the database refuses, and the loser of a race corrects the winner's row."""
    _require_own(by, course)
    now = now or timezone.now()
    if not course.is_open:
        raise CheckinRejected(_("Forløpet ditt er avsluttet, så du kan ikke sjekke inn her lenger."))
    if not days.may_enter(day, now=now, tz=OSLO):
        raise CheckinRejected(_("Du kan bare sjekke inn for i dag eller i går."), field="day")
    taper = taper_on(course, day)
    fields = clean_answers(course, taper, answers)
    red = [rule.key for rule in redflags.evaluate(answers_of(fields, taper))]
    existing = CheckIn.objects.select_for_update().filter(course=course, day=day).first()
    if existing is None:
        try:
            with transaction.atomic():
                checkin = CheckIn.objects.create(
                    course=course,
                    day=day,
                    red_flags=red,
                    attention=needs_attention(fields, red),
                    late=days.is_late(day, now=now, tz=OSLO),
                    created_at=now,
                    updated_at=now,
                    **fields,
                )
        except IntegrityError:
            existing = CheckIn.objects.select_for_update().get(course=course, day=day)
        else:
            record_change(
                by=by, obj=checkin, subject=course.person, action=Action.CREATE, why="Innsjekk ført"
            )
            return checkin
    new_flags = set(red) - set(existing.red_flags)
    newly_used_in_taper = fields["taper"] and fields["used"] and not (existing.taper and existing.used)
    for name, value in fields.items():
        setattr(existing, name, value)
    existing.red_flags = red
    if new_flags or newly_used_in_taper:  # something new for the team to see
        existing.attention = True
        existing.flags_seen_at = None
        existing.flags_seen_by = None
    existing.updated_at = now
    existing.save()
    record_change(by=by, obj=existing, subject=course.person, why="Innsjekk rettet")
    return existing


@transaction.atomic
def mark_seen(*, by: User, checkin: CheckIn, now: datetime | None = None) -> CheckIn:
    """A therapist or doctor on the team has seen the check-in's flags: they leave the caseload."""
    course = checkin.course
    if not policy.may(by, Act.CHANGE, Data.TREATMENT, team=course.team_user_ids()):
        raise PermissionDenied(_("Bare terapeut eller lege på teamet kan markere innsjekken som sett."))
    now = now or timezone.now()
    CheckIn.objects.filter(pk=checkin.pk).update(attention=False, flags_seen_at=now, flags_seen_by=by)
    checkin.refresh_from_db()
    record_change(by=by, obj=checkin, subject=course.person, why="Innsjekk: flagg markert som sett")
    return checkin


# --- reading ----------------------------------------------------------------------------------------------


def checkins(course: Course, *, since: date | None = None) -> list[CheckIn]:
    """The course's check-ins, oldest first."""
    found = CheckIn.objects.filter(course=course)
    if since is not None:
        found = found.filter(day__gte=since)
    return list(found.select_related("flags_seen_by").order_by("day"))


def streak_for(course: Course, *, now: datetime) -> days.Streak:
    today = days.day_of(now, OSLO)
    found = dict(CheckIn.objects.filter(course=course, day__lte=today).values_list("day", "used"))
    return days.streak(found, today=today)


def _day_label(day: date, today: date) -> str:
    if day == today:
        return _("i dag")
    if day == today - timedelta(days=1):
        return _("i går")
    return f"{day.day}.{day.month}.{day.year}"


def _staff_url(course_id: int) -> str:
    return reverse("care_checkin:staff", kwargs={"course_pk": course_id})


def flags_for(course_ids: Iterable[int], *, now: datetime) -> dict[int, list[Flag]]:
    """Off-track flags, each saying why it fired. Two queries whatever the number of courses:

    - red-flag answers (urgent for suicide thoughts, seizure, confusion/hallucinations) and use during a
      taper, from every check-in still waiting to be seen by the team (`CheckIn.attention`);
    - no check-in for N days (`CARE_CHECKIN_MISSING_DAYS`, default 3), counted from the last check-in up to
      yesterday; a course with no check-in at all is not flagged (the person has not started using it);
    - rising craving (`days.rising_craving`: the 3-day mean 2 points or more above the 7 days before)."""
    ids = list(course_ids)
    found: dict[int, list[Flag]] = {pk: [] for pk in ids}
    if not ids:
        return found
    today = days.day_of(now, OSLO)
    since = today - timedelta(days=days.RECENT_DAYS + days.BASELINE_DAYS - 1)
    rows = list(
        CheckIn.objects.filter(course_id__in=ids)
        .filter(Q(day__gte=since) | Q(attention=True))
        .values_list("course_id", "day", "craving", "used", "taper", "red_flags", "attention")
        .order_by("course_id", "day")
    )
    last_days = dict(
        CheckIn.objects.filter(course_id__in=ids)
        .values("course_id")
        .annotate(last=Max("day"))
        .values_list("course_id", "last")
    )
    craving: dict[int, dict[date, int]] = {}
    for course_id, day, level, used, taper, red, attention in rows:
        if day >= since:
            craving.setdefault(course_id, {})[day] = level
        if not attention:
            continue
        when = _day_label(day, today)
        for rule in [redflags.BY_KEY[k] for k in red if k in redflags.BY_KEY]:
            found[course_id].append(
                Flag(
                    course_id=course_id,
                    kind=f"checkin_{rule.key}",
                    label=str(rule.label),
                    why=f"{str(rule.why).rstrip('.')} ({when}).",
                    severity=rule.severity,
                    url=_staff_url(course_id),
                    for_doctor=rule.for_doctor,
                )
            )
        if taper and used and "large_use_taper" not in red:
            found[course_id].append(
                Flag(
                    course_id=course_id,
                    kind="checkin_use_during_taper",
                    label=_("Bruk under nedtrapping"),
                    why=_(
                        "Svarte i innsjekken at hen brukte %(when)s, mens en godkjent nedtrappingsplan gjaldt."
                    )
                    % {"when": when},
                    severity=Severity.WARNING,
                    url=_staff_url(course_id),
                    for_doctor=True,
                )
            )
    limit = missing_days_limit()
    for course_id, last in last_days.items():
        missing = days.days_missing(last, today=today)
        if missing >= limit:
            found[course_id].append(
                Flag(
                    course_id=course_id,
                    kind="checkin_missing",
                    label=_("Ingen innsjekk på %(n)s dager") % {"n": missing},
                    why=_("Siste innsjekk var %(day)s; %(n)s dager uten innsjekk (grense %(limit)s).")
                    % {"day": f"{last.day}.{last.month}.{last.year}", "n": missing, "limit": limit},
                    severity=Severity.WARNING,
                    url=_staff_url(course_id),
                )
            )
    for course_id, by_day in craving.items():
        trend = days.rising_craving(by_day, today=today)
        if trend is not None:
            found[course_id].append(
                Flag(
                    course_id=course_id,
                    kind="checkin_craving_rising",
                    label=_("Økende sug"),
                    why=_(
                        "Gjennomsnittlig sug siste 3 dager %(recent)s mot %(before)s de 7 dagene før "
                        "(flagges ved %(rise)s poeng eller mer)."
                    )
                    % {
                        "recent": f"{trend.recent_mean:.1f}".replace(".", ","),
                        "before": f"{trend.baseline_mean:.1f}".replace(".", ","),
                        "rise": int(days.RISE),
                    },
                    severity=Severity.WARNING,
                    url=_staff_url(course_id),
                )
            )
    return found


# --- the daily digest ------------------------------------------------------------------------------------

type FlagProvider = Callable[..., Mapping[int, list[Flag]]]


def waiting_flags(*, now: datetime, providers: Iterable[FlagProvider]) -> dict[int, int]:
    """{staff user id: number of flags on the open courses they are therapist or doctor on}."""
    members = list(
        TeamMember.objects.filter(
            course__in=Course.objects.open(), role__in=[TeamRole.THERAPIST, TeamRole.DOCTOR]
        ).values_list("user_id", "course_id")
    )
    course_ids = sorted({course_id for _user, course_id in members})
    counts: dict[int, int] = dict.fromkeys(course_ids, 0)
    for provider in providers:
        for course_id, flags in provider(course_ids, now=now).items():
            if course_id in counts:
                counts[course_id] += len(flags)
    per_user: dict[int, int] = {}
    for user_id, course_id in members:
        per_user[user_id] = per_user.get(user_id, 0) + counts[course_id]
    return {user_id: n for user_id, n in per_user.items() if n}


def send_digests(*, providers: Iterable[FlagProvider], now: datetime | None = None) -> int:
    """Queue "N flagg venter" to each therapist and doctor with flags waiting, once per account and Oslo day,
    from DIGEST_FROM. Only the count and a link to the caseload: no name, no health detail. Safe with many
    workers: the DigestSent row's unique (user, day) is claimed in the email's transaction."""
    now = now or timezone.now()
    local = now.astimezone(OSLO)
    if local.time() < DIGEST_FROM:
        return 0
    today = local.date()
    already = set(DigestSent.objects.filter(day=today).values_list("user_id", flat=True))
    counts = {u: n for u, n in waiting_flags(now=now, providers=providers).items() if u not in already}
    if not counts:
        return 0
    users = User.objects.filter(pk__in=counts, is_active=True).exclude(email="")
    link = settings.SITE_URL + reverse("staff:caseload")
    sent = 0
    for user in users:
        try:
            with transaction.atomic():
                DigestSent.objects.create(user=user, day=today, flags=counts[user.pk], sent_at=now)
                queue_email(
                    to=user.email,
                    template="care_checkin_digest",
                    context={"count": counts[user.pk], "link": link},
                )
        except IntegrityError:
            continue  # another worker claimed it
        sent += 1
    return sent


__all__ = [
    "CheckinRejected",
    "checkins",
    "flags_for",
    "mark_seen",
    "open_course",
    "save_checkin",
    "send_digests",
    "streak_for",
    "taper_on",
]
