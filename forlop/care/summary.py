"""What every part of a course reports about many courses at once: open flags, latest scale scores, next
evaluations — each a fixed number of queries whatever the number of courses. The caseload
(forlop.staff.caseload), the doctor's start page and the course overview read them from here.

Each sub-app computes its own (`flags_for(course_ids, now=…)`); this module only gathers. It imports the
sub-apps; they never import it."""

from collections.abc import Callable
from datetime import date, datetime

from .assessment import services as assessment
from .checkin import services as checkin
from .flags import Flag, by_severity
from .journal import services as journal
from .measures import services as measures
from .messaging import services as messaging
from .modules import services as modules
from .plan import services as plan
from .tapering import services as tapering
from .withdrawal import services as withdrawal

type FlagProvider = Callable[..., dict[int, list[Flag]]]

FLAG_PROVIDERS: tuple[FlagProvider, ...] = (
    withdrawal.flags_for,
    assessment.flags_for,
    tapering.flags_for,
    plan.flags_for,
    journal.flags_for,
    messaging.flags_for,
    modules.flags_for,
    checkin.flags_for,
    measures.flags_for,
)


def flags_for(course_ids: list[int], *, now: datetime) -> dict[int, list[Flag]]:
    found: dict[int, list[Flag]] = {pk: [] for pk in course_ids}
    if not course_ids:
        return found
    for provider in FLAG_PROVIDERS:
        for pk, flags in provider(course_ids, now=now).items():
            found.setdefault(pk, []).extend(flags)
    return {pk: by_severity(flags) for pk, flags in found.items()}


def latest_scores(course_ids: list[int]) -> dict[int, list[withdrawal.LatestScore]]:
    if not course_ids:
        return {}
    return {pk: list(scores.values()) for pk, scores in withdrawal.latest_scores(course_ids).items()}


def next_evaluations(course_ids: list[int]) -> dict[int, date | None]:
    if not course_ids:
        return {}
    return plan.next_evaluations(course_ids)
