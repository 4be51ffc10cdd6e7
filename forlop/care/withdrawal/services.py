"""The only writers of withdrawal scale entries, and the readers other pages use: `latest_scores` (the caseload)
and `flags_for` (the caseload and the doctor's start page), each a fixed number of queries for any number of
courses.

Scores are computed only by `forlop.care.scales`; a total sent by a browser is never read."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from forlop.accounts.models import User
from forlop.audit import policy
from forlop.audit.models import Action
from forlop.audit.policy import Act, Data
from forlop.audit.services import record_change
from forlop.care import scales
from forlop.care.flags import Flag, Severity
from forlop.care.models import Course
from forlop.care.scales import SCALES, FlagLevel, ScaleAnswerError, ScaleKind

from .models import EntryError, ScaleEntry

MIN_ERROR_REASON = 5


class EntryRejected(ValidationError):
    """The entry cannot be saved; the message is for the clinician. `field` names the form field at fault
    (an item "item_3", "taken_at", "threshold_met") or is None."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def oslo() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def _require_change(by: User, course: Course) -> None:
    if not policy.may(by, Act.CHANGE, Data.TREATMENT, team=course.team_user_ids()):
        raise PermissionDenied(_("Bare terapeut eller lege på teamet kan registrere abstinensskårer."))


def _item_field(error: ScaleAnswerError) -> str | None:
    item = getattr(error, "item", None)
    if item is not None:
        return f"item_{item}"
    items = getattr(error, "items", ())
    return f"item_{items[0]}" if items else None


@transaction.atomic
def record_entry(
    *,
    course: Course,
    by: User,
    instrument: str,
    answers: Sequence[int | None] | None,
    taken_at: datetime,
    threshold_met: bool = True,
    note: str = "",
    now: datetime | None = None,
) -> ScaleEntry:
    """Record one assessment. `answers` are the item scores in item order (None where not filled in);
    `threshold_met` is PAWSS's first question (ignored for the others). Out-of-range or missing answers, a
    time in the future or before the course started are refused with a Norwegian message (`EntryRejected`)."""
    _require_change(by, course)
    now = now or timezone.now()
    if not course.is_open:
        raise EntryRejected(_("Forløpet er avsluttet. Nye skårer kan ikke registreres."))
    try:
        kind = ScaleKind(instrument)
    except ValueError as error:
        raise EntryRejected(_("Ukjent skjema.")) from error
    if timezone.is_naive(taken_at):
        raise ValueError("taken_at must be timezone-aware")
    if taken_at > now:
        raise EntryRejected(_("Tidspunktet for vurderingen kan ikke være fram i tid."), field="taken_at")
    try:
        if kind == ScaleKind.PAWSS:
            result = scales.score_pawss(answers, threshold_met=threshold_met)
        else:
            result = scales.score(kind, list(answers or []))
    except ScaleAnswerError as error:
        raise EntryRejected(error.message, field=_item_field(error)) from error
    if isinstance(result, scales.PawssNotApplicable):
        fields: dict = {"applicable": False, "answers": [], "total": None, "band": "", "flagged": False}
    else:
        fields = {
            "applicable": True,
            "answers": list(result.scores),
            "total": result.total,
            "band": result.band.key,
            "flagged": result.flagged,
        }
    entry = ScaleEntry.objects.create(
        course=course,
        instrument=kind.value,
        taken_at=taken_at,
        entered_by=by,
        entered_at=now,
        note=note.strip(),
        **fields,
    )
    record_change(
        by=by,
        obj=entry,
        subject=course.person,
        action=Action.CREATE,
        why=_("Registrerte %(scale)s") % {"scale": SCALES[kind].short_name},
    )
    return entry


@transaction.atomic
def mark_in_error(*, entry: ScaleEntry, by: User, reason: str, now: datetime | None = None) -> EntryError:
    """Mark an entry as made by mistake ("registrert ved en feil"). The entry is kept, shown struck through
    and left out of the chart and the flags. The reason is required; an entry is marked once."""
    course = entry.course
    _require_change(by, course)
    reason = reason.strip()
    if len(reason) < MIN_ERROR_REASON:
        raise EntryRejected(_("Skriv hvorfor skåringen er feil (minst 5 tegn)."), field="reason")
    now = now or timezone.now()
    try:
        with transaction.atomic():
            mark = EntryError.objects.create(entry=entry, reason=reason, by=by, at=now)
    except IntegrityError as error:
        raise EntryRejected(_("Denne skåringen er allerede merket som registrert ved en feil.")) from error
    record_change(
        by=by,
        obj=entry,
        subject=course.person,
        why=(_("Merket skåring som registrert ved en feil: %(reason)s") % {"reason": reason})[:200],
    )
    return mark


# --- Readers --------------------------------------------------------------------------------------------


def series(course: Course) -> QuerySet[ScaleEntry]:
    """Every entry in the course, valid or not, oldest first, with who entered it and any error mark."""
    return (
        ScaleEntry.objects.filter(course=course)
        .select_related("entered_by", "error", "error__by")
        .order_by("taken_at", "pk")
    )


@dataclass(frozen=True)
class LatestScore:
    """The latest valid entry of one instrument in a course, as the caseload shows it."""

    instrument: str  # ScaleKind value
    short_name: str  # "CIWA-Ar"
    total: int | None  # None: PAWSS does not apply
    band: str  # the band key, "" when not applicable
    band_label: str
    taken_at: datetime
    flagged: bool
    entry_id: int

    @property
    def applicable(self) -> bool:
        return self.total is not None


def _latest_entries(course_ids: Iterable[int]) -> list[ScaleEntry]:
    """The latest valid entry per (course, instrument): one query."""
    ids = list(course_ids)
    if not ids:
        return []
    ranked = (
        ScaleEntry.objects.valid()
        .filter(course_id__in=ids)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("course_id"), F("instrument")],
                order_by=[F("taken_at").desc(), F("pk").desc()],
            )
        )
        .filter(rank=1)
        .order_by("course_id", "instrument")
    )
    return list(ranked)


def _summary(entry: ScaleEntry) -> LatestScore:
    kind = entry.kind
    if entry.applicable and entry.total is not None:
        band_label = str(scales.band_for_total(kind, entry.total).label)
        flagged = scales.flag_for_total(kind, entry.total) is not None
    else:
        band_label = str(scales.PawssNotApplicable().label)
        flagged = False
    return LatestScore(
        instrument=kind.value,
        short_name=SCALES[kind].short_name,
        total=entry.total,
        band=entry.band,
        band_label=band_label,
        taken_at=entry.taken_at,
        flagged=flagged,
        entry_id=entry.pk,
    )


def latest_scores(course_ids: Iterable[int]) -> dict[int, dict[str, LatestScore]]:
    """{course_id: {instrument: LatestScore}} for the latest valid entry of each instrument; a course with no
    entries is absent. One query whatever the number of courses."""
    found: dict[int, dict[str, LatestScore]] = {}
    for entry in _latest_entries(course_ids):
        found.setdefault(entry.course_id, {})[entry.instrument] = _summary(entry)
    return found


FLAG_KINDS = {
    ScaleKind.CIWA_AR: "ciwa_high",
    ScaleKind.COWS: "cows_urgent",
    ScaleKind.PAWSS: "pawss_high_risk",
}
SEVERITY = {
    FlagLevel.FLAG: Severity.WARNING,
    FlagLevel.URGENT: Severity.URGENT,
    FlagLevel.HIGH_RISK: Severity.WARNING,
}


def _when(taken_at: datetime, now: datetime) -> str:
    local, today = taken_at.astimezone(oslo()), now.astimezone(oslo()).date()
    if local.date() == today:
        return _("i dag kl. %(time)s") % {"time": local.strftime("%H:%M")}
    return _("%(date)s kl. %(time)s") % {
        "date": f"{local.day}.{local.month}.{local.year}",
        "time": local.strftime("%H:%M"),
    }


def flags_for(course_ids: Iterable[int], *, now: datetime) -> dict[int, list[Flag]]:
    """A flag to the doctor for each instrument whose latest valid entry reached its threshold in
    `forlop.care.scales.THRESHOLDS` (CIWA-Ar 15+, COWS 25+ urgent, PAWSS 4+ high risk), saying the score,
    when it was taken and the threshold. One query whatever the number of courses."""
    found: dict[int, list[Flag]] = {}
    for entry in _latest_entries(course_ids):
        if not entry.applicable or entry.total is None:
            continue
        kind = entry.kind
        threshold = scales.flag_for_total(kind, entry.total)
        if threshold is None:
            continue
        name = SCALES[kind].short_name
        why = _("%(scale)s %(total)s %(when)s (grense %(limit)s): %(band)s.") % {
            "scale": name,
            "total": entry.total,
            "when": _when(entry.taken_at, now),
            "limit": threshold.at_or_above,
            "band": str(scales.band_for_total(kind, entry.total).label).lower(),
        }
        found.setdefault(entry.course_id, []).append(
            Flag(
                course_id=entry.course_id,
                kind=FLAG_KINDS[kind],
                label=f"{name} {entry.total} · {threshold.label}",
                why=why,
                severity=SEVERITY[threshold.level],
                url=reverse("care_withdrawal:series", kwargs={"course_pk": entry.course_id}),
                for_doctor=True,
            )
        )
    return found


__all__ = [
    "EntryRejected",
    "LatestScore",
    "flags_for",
    "latest_scores",
    "mark_in_error",
    "record_entry",
    "series",
]
