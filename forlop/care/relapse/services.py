"""The only writers of relapse-prevention plans.

- The therapist or doctor on the course's team writes the plan with the person in session: all five sections
  (`save_plan`). Every save is a new version; `based_on` is the version the writer started from, so two people
  saving at once never overwrite each other silently (the second is told to look at the newer version).
- The person may change two sections themselves on Min side, "people I call" and "my reasons" (`save_own_part`),
  once the plan exists and while the course is open: those are theirs to keep current (a new phone number, a
  new reason), and they are the sections that help most at a bad moment. The other three sections are worked
  out in session, so they stay the team's to write. A version the person saved says so (`by_person`).
"""

import re
from collections.abc import Sequence
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forlop.accounts.models import User
from forlop.audit import policy
from forlop.audit.models import Action
from forlop.audit.policy import Act, Data
from forlop.audit.services import record_change
from forlop.care.models import Course

from .models import Contact, PlanVersion, RelapsePlan

MAX_TEXT = 4000
MAX_CONTACTS = 5
PHONE = re.compile(r"^\+?[0-9 ]{3,20}$")


class RelapsePlanError(ValidationError):
    """A save the rules do not allow; the message is for the person who tried it."""


def contacts_of(version: PlanVersion | None) -> list[Contact]:
    return version.contact_list if version is not None else []


def plan_for(course: Course) -> RelapsePlan | None:
    return RelapsePlan.objects.filter(course=course).first()


def latest_version(plan: RelapsePlan | None) -> PlanVersion | None:
    if plan is None:
        return None
    return plan.versions.select_related("by").order_by("-number").first()


def clean_contacts(contacts: Sequence[Contact]) -> list[dict[str, str]]:
    found = []
    for contact in contacts:
        name, phone = contact.name.strip(), " ".join(contact.phone.split())
        if not name and not phone:
            continue
        if not name or not phone:
            raise RelapsePlanError(_("Skriv både navn og telefonnummer for hver person."))
        if not PHONE.match(phone):
            raise RelapsePlanError(
                _("«%(phone)s» ser ikke ut som et telefonnummer. Bruk bare sifre, mellomrom og eventuelt +.")
                % {"phone": phone}
            )
        found.append({"name": name[:100], "phone": phone})
    if len(found) > MAX_CONTACTS:
        raise RelapsePlanError(_("Skriv inn høyst %(max)s personer.") % {"max": MAX_CONTACTS})
    return found


def _text(value: str) -> str:
    value = value.strip()
    if len(value) > MAX_TEXT:
        raise RelapsePlanError(_("Hver del kan være høyst %(max)s tegn.") % {"max": MAX_TEXT})
    return value


def _next_version(
    *, course: Course, by: User, based_on: int | None, now: datetime, by_person: bool, **sections: object
) -> PlanVersion:
    plan = RelapsePlan.objects.select_for_update().filter(course=course).first()
    if plan is None:
        if by_person:
            raise RelapsePlanError(_("Planen lages sammen med terapeuten din først."))
        try:
            with transaction.atomic():
                plan = RelapsePlan.objects.create(course=course, created_at=now)
        except IntegrityError as error:  # someone else made it a moment ago
            raise RelapsePlanError(
                _("Noen andre lagret planen akkurat nå. Se den nye versjonen og lagre igjen.")
            ) from error
        latest = None
    else:
        latest = plan.versions.order_by("-number").first()
    current = latest.number if latest else None
    if based_on != current:
        raise RelapsePlanError(
            _(
                "Planen er endret siden du åpnet den (nå versjon %(number)s). Teksten din er ikke lagret ennå: "
                "se den nye versjonen og lagre igjen."
            )
            % {"number": current or 0}
        )
    return PlanVersion.objects.create(
        plan=plan, number=(current or 0) + 1, at=now, by=by, by_person=by_person, **sections
    )


@transaction.atomic
def save_plan(
    *,
    course: Course,
    by: User,
    warning_signs: str,
    triggers: str,
    actions: str,
    contacts: Sequence[Contact],
    reasons: str,
    based_on: int | None,
    now: datetime | None = None,
) -> PlanVersion:
    """Save a new version of the whole plan (the therapist or doctor on the team, in session)."""
    if not policy.may(by, Act.CHANGE, Data.TREATMENT, team=course.team_user_ids()):
        raise PermissionDenied(_("Bare terapeuten eller legen på teamet kan endre tilbakefallsplanen."))
    if not course.is_open:
        raise RelapsePlanError(_("Forløpet er avsluttet; planen kan ikke endres nå."))
    sections = {
        "warning_signs": _text(warning_signs),
        "triggers": _text(triggers),
        "actions": _text(actions),
        "contacts": clean_contacts(contacts),
        "reasons": _text(reasons),
    }
    if not any(sections.values()):
        raise RelapsePlanError(_("Skriv noe i minst én del av planen."))
    version = _next_version(
        course=course, by=by, based_on=based_on, now=now or timezone.now(), by_person=False, **sections
    )
    record_change(
        by=by,
        obj=version,
        subject=course.person,
        action=Action.CREATE,
        why=_("Lagret tilbakefallsplan, versjon %(number)s") % {"number": version.number},
    )
    return version


@transaction.atomic
def save_own_part(
    *,
    course: Course,
    by: User,
    contacts: Sequence[Contact],
    reasons: str,
    based_on: int | None,
    now: datetime | None = None,
) -> PlanVersion:
    """The person changes "people I call" and "my reasons" in their own plan; the rest is carried over."""
    if not policy.is_own(by, course.person):
        raise PermissionDenied(_("Bare du kan endre dette i din egen plan."))
    if not course.is_open:
        raise RelapsePlanError(_("Forløpet er avsluttet; planen kan ikke endres nå."))
    plan = plan_for(course)
    latest = latest_version(plan)
    if latest is None:
        raise RelapsePlanError(_("Planen lages sammen med terapeuten din først."))
    version = _next_version(
        course=course,
        by=by,
        based_on=based_on,
        now=now or timezone.now(),
        by_person=True,
        warning_signs=latest.warning_signs,
        triggers=latest.triggers,
        actions=latest.actions,
        contacts=clean_contacts(contacts),
        reasons=_text(reasons),
    )
    record_change(
        by=by,
        obj=version,
        subject=course.person,
        action=Action.CREATE,
        why=_("Endret egne deler av tilbakefallsplanen, versjon %(number)s") % {"number": version.number},
    )
    return version
