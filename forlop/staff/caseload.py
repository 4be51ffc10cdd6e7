"""A clinician's caseload: every open course they are on, with its phase, next evaluation, latest scale
scores, open flags and next appointment — in a fixed number of queries however many courses there are.

The flags come from each part of the course (`flags_for(course_ids, now=…)` in each care sub-app); the page
only gathers and sorts them, most serious first."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Prefetch

from forlop.accounts.models import User
from forlop.booking.models import Booking
from forlop.care import summary
from forlop.care.flags import Flag, Severity
from forlop.care.models import Course, TeamMember
from forlop.care.withdrawal.services import LatestScore


@dataclass
class Row:
    course: Course
    my_roles: list[str]
    next_evaluation: date | None = None
    scores: list[LatestScore] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    next_booking: Booking | None = None

    @property
    def severity(self) -> int:
        return max((f.severity for f in self.flags), default=0)


def next_bookings(person_ids: Iterable[int], *, now: datetime) -> dict[int, Booking]:
    """The next confirmed appointment of each person (one query)."""
    found: dict[int, Booking] = {}
    rows = (
        Booking.objects.filter(
            person_id__in=list(person_ids), status=Booking.Status.CONFIRMED, start_at__gte=now
        )
        .select_related("therapist", "consultation_type")
        .order_by("person_id", "start_at")
    )
    for booking in rows:
        found.setdefault(booking.person_id, booking)  # type: ignore[arg-type]
    return found


def caseload(user: User, *, now: datetime) -> list[Row]:
    courses = list(
        Course.objects.open()
        .filter(team__user=user)
        .select_related("person")
        .prefetch_related(Prefetch("team", queryset=TeamMember.objects.select_related("user")))
        .distinct()
    )
    ids = [c.pk for c in courses]
    flags = summary.flags_for(ids, now=now)
    scores = summary.latest_scores(ids)
    evaluations = summary.next_evaluations(ids)
    bookings = next_bookings({c.person_id for c in courses}, now=now)
    rows = [
        Row(
            course=c,
            my_roles=[m.get_role_display() for m in c.team.all() if m.user_id == user.pk],
            next_evaluation=evaluations.get(c.pk),
            scores=scores.get(c.pk, []),
            flags=flags.get(c.pk, []),
            next_booking=bookings.get(c.person_id),
        )
        for c in courses
    ]
    rows.sort(key=lambda r: (-r.severity, r.next_evaluation or date.max, r.course.started_at))
    return rows


def doctor_flags(user: User, *, now: datetime) -> list[tuple[Course, Flag]]:
    """The flags meant for a doctor, on the courses where `user` is the team's doctor, most serious first."""
    courses = {
        c.pk: c
        for c in Course.objects.open().filter(team__user=user, team__role="doctor").select_related("person")
    }
    flags = summary.flags_for(list(courses), now=now)
    found = [(courses[pk], f) for pk, fs in flags.items() for f in fs if f.for_doctor]
    found.sort(key=lambda cf: (-cf[1].severity, cf[0].pk))
    return found


SEVERITY_CLASS = {Severity.URGENT: "urgent", Severity.WARNING: "warning", Severity.INFO: "info"}
