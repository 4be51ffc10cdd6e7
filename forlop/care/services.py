"""The only writers of courses, teams, phases and emergency accesses. Each takes `by=` (who acts), checks it
against the one access policy and writes its access-log row in its own transaction."""

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forlop.accounts.models import Role, User
from forlop.audit import policy
from forlop.audit.models import Action
from forlop.audit.policy import Act, Data
from forlop.audit.services import record_change
from forlop.people.models import Person

from . import phases
from .models import Course, EmergencyAccess, Phase, PhaseChange, TeamMember, TeamRole

# The account role a team role needs: a doctor on the team holds the doctor role, and so on.
ROLE_FOR: dict[str, tuple[str, ...]] = {
    TeamRole.THERAPIST: (Role.THERAPIST, Role.DOCTOR),
    TeamRole.DOCTOR: (Role.DOCTOR,),
    TeamRole.COORDINATOR: (Role.COORDINATOR, Role.ADMIN),
}


class CourseError(ValidationError):
    """A change the rules do not allow; the message is for the person who tried it."""


def _require(by: User, act: Act, data: Data, course: Course) -> None:
    if not policy.may(by, act, data, team=course.team_user_ids()):
        raise PermissionDenied(_("Du er ikke på teamet for dette forløpet."))


def may_start_course(by: User) -> bool:
    return policy.may(by, Act.CHANGE, Data.MATCH_REQUEST) or by.has_role(Role.THERAPIST, Role.DOCTOR)


@transaction.atomic
def start_course(
    *,
    by: User,
    person: Person,
    therapist: User,
    doctor: User | None = None,
    coordinator: User | None = None,
    substances: list[str],
    carried_over: Mapping[str, Any] | None = None,
    match_request: Any = None,
    booking: Any = None,
    now: datetime | None = None,
) -> Course:
    """Start a course for `person` with its team, in phase kartlegging. `carried_over` is what the person told
    us before (the request's answers as the clinician checked them). One open course per person: a second one
    is refused with the first one named."""
    if not (by.is_staff and may_start_course(by)):
        raise PermissionDenied(_("Bare koordinator, terapeut eller lege kan starte et forløp."))
    now = now or timezone.now()
    existing = Course.objects.open().filter(person=person).first()
    if existing is not None:
        raise CourseError(_("Personen har allerede et åpent forløp (#%(pk)s).") % {"pk": existing.pk})
    try:
        with transaction.atomic():
            course = Course.objects.create(
                person=person,
                substances=list(substances),
                carried_over=dict(carried_over or {}),
                match_request=match_request,
                booking=booking,
                started_at=now,
                started_by=by,
            )
    except IntegrityError as error:  # another start won the race
        raise CourseError(_("Personen har allerede et åpent forløp.")) from error
    for role, user in (
        (TeamRole.THERAPIST, therapist),
        (TeamRole.DOCTOR, doctor),
        (TeamRole.COORDINATOR, coordinator),
    ):
        if user is not None:
            _add_member(course=course, role=role, user=user, by=by, now=now)
    PhaseChange.objects.create(course=course, from_phase="", to_phase=Phase.KARTLEGGING, at=now, by=by)
    record_change(by=by, obj=course, subject=person, action=Action.CREATE, why=_("Startet behandlingsforløp"))
    return course


def _add_member(*, course: Course, role: str, user: User, by: User, now: datetime) -> TeamMember:
    if not (user.is_active and user.is_staff and user.has_role(*ROLE_FOR[role])):
        raise CourseError(
            _("%(name)s har ikke rollen som trengs for «%(role)s».")
            % {"name": user.full_name or user.email, "role": TeamRole(role).label}
        )
    return TeamMember.objects.create(course=course, role=role, user=user, added_at=now, added_by=by)


@transaction.atomic
def set_team_member(
    *, course: Course, role: str, user: User | None, by: User, now: datetime | None = None
) -> None:
    """Put `user` in `role` on the team (replacing whoever held it), or leave the role empty (None). The
    responsible therapist cannot be removed, only replaced."""
    _require(by, Act.CHANGE, Data.TEAM, course)
    now = now or timezone.now()
    if not course.is_open:
        raise CourseError(_("Forløpet er avsluttet; teamet kan ikke endres."))
    if user is None and role == TeamRole.THERAPIST:
        raise CourseError(_("Et forløp må ha en ansvarlig terapeut."))
    # One team change at a time per course: without the lock, two changes of the same role at once both
    # delete the old holder and the second insert breaks care_one_member_per_role (an error page).
    Course.objects.select_for_update().only("pk").get(pk=course.pk)
    TeamMember.objects.filter(course=course, role=role).delete()
    if user is not None:
        _add_member(course=course, role=role, user=user, by=by, now=now)
    record_change(by=by, obj=course, subject=course.person, why=_("Endret teamet i forløpet"))


@transaction.atomic
def change_phase(
    *,
    course: Course,
    to: str,
    by: User,
    note: str = "",
    closing_summary: str = "",
    now: datetime | None = None,
) -> PhaseChange:
    """Move the course to phase `to`. Closing needs a closing summary. A conditional UPDATE, so two people
    moving the same course at once cannot both succeed from the same phase."""
    _require(by, Act.CHANGE, Data.TEAM, course)
    now = now or timezone.now()
    from_phase = course.phase
    if not phases.allowed(from_phase, to):
        raise CourseError(
            _("Forløpet kan ikke gå fra «%(from)s» til «%(to)s».")
            % {"from": Phase(from_phase).label, "to": Phase(to).label}
        )
    fields: dict[str, Any] = {"phase": to}
    if to == Phase.AVSLUTTET:
        if not closing_summary.strip():
            raise CourseError(_("Skriv en avslutningsoppsummering før du avslutter forløpet."))
        fields |= {"closed_at": now, "closing_summary": closing_summary.strip()}
    updated = Course.objects.filter(pk=course.pk, phase=from_phase).update(**fields)
    if not updated:
        raise CourseError(_("Noen andre endret fasen akkurat nå. Last siden på nytt."))
    for name, value in fields.items():
        setattr(course, name, value)
    change = PhaseChange.objects.create(
        course=course, from_phase=from_phase, to_phase=to, at=now, by=by, note=note.strip()
    )
    record_change(
        by=by,
        obj=course,
        subject=course.person,
        why=_("Endret fase til %(phase)s") % {"phase": Phase(to).label},
    )
    return change


def emergency_minutes() -> int:
    return int(getattr(settings, "CARE_EMERGENCY_ACCESS_MINUTES", 120))


def emergency_in_force(*, course: Course, user: User, now: datetime | None = None) -> EmergencyAccess | None:
    now = now or timezone.now()
    return (
        EmergencyAccess.objects.filter(course=course, user=user, at__lte=now, expires_at__gt=now)
        .order_by("-at")
        .first()
    )


@transaction.atomic
def declare_emergency_access(
    *, course: Course, by: User, reason: str, now: datetime | None = None
) -> EmergencyAccess:
    """Staff outside the team open the course because they must (akuttilgang). The reason is required; the
    access lasts `CARE_EMERGENCY_ACCESS_MINUTES` and waits on the privacy officer's review list."""
    reason = reason.strip()
    if len(reason) < 10:
        raise CourseError(_("Skriv hvorfor du trenger tilgang (minst 10 tegn)."))
    if not policy.may_declare_emergency(by, Data.TREATMENT):
        raise PermissionDenied(_("Du kan ikke be om akuttilgang."))
    now = now or timezone.now()
    access = EmergencyAccess.objects.create(
        course=course, user=by, reason=reason, at=now, expires_at=now + timedelta(minutes=emergency_minutes())
    )
    record_change(
        by=by,
        obj=access,
        subject=course.person,
        action=Action.CREATE,
        why=(_("Akuttilgang: %(reason)s") % {"reason": reason})[:200],
    )
    return access


@transaction.atomic
def review_emergency_access(
    *, access: EmergencyAccess, by: User, note: str, now: datetime | None = None
) -> None:
    """The privacy officer marks an emergency access as reviewed, with a note (justified, or followed up)."""
    if not policy.may(by, Act.CHANGE, Data.EMERGENCY_REVIEW):
        raise PermissionDenied(_("Bare personvernombudet (administrator) kan gjennomgå akuttilganger."))
    if not note.strip():
        raise CourseError(_("Skriv hva gjennomgangen viste."))
    if access.user_id == by.pk:
        raise CourseError(
            _("Du kan ikke gå gjennom din egen akuttilgang. En annen administrator må gjøre det.")
        )
    now = now or timezone.now()
    updated = EmergencyAccess.objects.filter(pk=access.pk, reviewed_at__isnull=True).update(
        reviewed_at=now, reviewed_by=by, review_note=note.strip()
    )
    if not updated:
        raise CourseError(_("Denne akuttilgangen er allerede gjennomgått."))
    record_change(by=by, obj=access, subject=access.course.person, why=_("Gjennomgikk akuttilgang"))
