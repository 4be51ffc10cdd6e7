"""The one access policy: may this user see, or change, this kind of data about a person (or this object)?

Every staff page, the admin site and the services that refuse a wrong actor ask here, so a rule is changed in
one place. Two questions, answered from the same table:

- `roles(data, act)`: which roles may open pages of this kind at all. The view classes take it:
  `@personal_data(*policy.roles(Data.ENQUIRY), purpose=…)`. The gate in front (`forlop.audit.access`) adds
  what every staff page needs: logged in, active, a staff account, second factor verified.
- `may(user, act, data, assigned_user_id=…, flagged=…)`: the object check, for one item. A role in `every`
  may see (or change) every item; a role in `assigned` only the items assigned to the user (a therapist's
  own calendar, a request assigned to them); a role in `flagged` only the items flagged for it (a request
  marked for medical assessment, for doctors).
- `is_own(user, person)`: a person's own data (Min side, `@own_data`): only their own client account.

The policy knows kinds of data, not the models of the apps above it (it sits in the trust layer), so the
caller passes the facts about the item: whose it is assigned to and whether it is flagged.

Roles are `forlop.accounts.models.Role`. "doctor" here is always the account role; whether a therapist
profile is a physician is its profession (`Therapist.is_physician`), which decides consultation types, not
access.
"""

from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

from forlop.accounts.models import STAFF_ROLES, Role, User
from forlop.people.models import Person


class Data(StrEnum):
    STAFF_PAGES = "staff_pages"  # the staff start page and one's own account pages
    CALENDAR = "calendar"  # a therapist's calendar: bookings with the client's name, outcomes, cancelling
    MATCH_REQUEST = "match_request"  # what a help-seeker wrote, suggestions, questions, closing
    MEDICAL_ASSESSMENT = "medical_assessment"  # a doctor's decision on a request flagged for it
    ENQUIRY = "enquiry"  # contact-form enquiries
    ACCESS_LOG = "access_log"  # who has read whose data
    ARTICLE_REVIEW = "article_review"  # medical review of articles (no personal data)
    COURSE = "course"  # the email course's editorial pages
    PROFILE = "profile"  # therapist profiles (one's own; admins every one)
    ADMIN = "admin"  # Django admin: everything, for the practice owner
    # The treatment course (forlop.care) and everything in it: assessment, scales, plans, journal. Only the
    # course's team ("team" below); anyone else on staff only through an emergency access (akuttilgang).
    TREATMENT = "treatment"
    TEAM = "team"  # who is on a course's team, its phase and closing (the coordinator plans these too)
    PRESCRIPTION = "prescription"  # approving a taper plan: a doctor on the team
    EMERGENCY_REVIEW = "emergency_review"  # the privacy officer's list of emergency accesses
    # What a person in a course shares with a relative (forlop.relatives): never staff's business through
    # this kind (staff read a course through TREATMENT); the relative's question is `relative_may_see`.
    RELATIVE_VIEW = "relative_view"


class Act(StrEnum):
    SEE = "see"
    CHANGE = "change"


@dataclass(frozen=True)
class Rule:
    every: frozenset[Role]
    assigned: frozenset[Role] = frozenset()
    flagged: frozenset[Role] = frozenset()
    # Roles that may open an item they are not assigned to by declaring an emergency access (akuttilgang):
    # the reason is asked for, logged as such and listed for the privacy officer.
    emergency: frozenset[Role] = frozenset()

    @property
    def roles(self) -> frozenset[Role]:
        return self.every | self.assigned | self.flagged | self.emergency


def _rule(every=(), assigned=(), flagged=(), emergency=()) -> Rule:
    return Rule(frozenset(every), frozenset(assigned), frozenset(flagged), frozenset(emergency))


CLINICAL = (Role.THERAPIST, Role.DOCTOR)


COORDINATING = (Role.COORDINATOR, Role.ADMIN)

RULES: dict[tuple[Data, Act], Rule] = {
    (Data.STAFF_PAGES, Act.SEE): _rule(every=STAFF_ROLES),
    (Data.STAFF_PAGES, Act.CHANGE): _rule(every=STAFF_ROLES),
    # Coordinators and admins plan every calendar; a therapist (or doctor) sees and changes their own.
    (Data.CALENDAR, Act.SEE): _rule(every=COORDINATING, assigned=STAFF_ROLES),
    (Data.CALENDAR, Act.CHANGE): _rule(every=COORDINATING, assigned=STAFF_ROLES),
    # A therapist reads the requests assigned to them; a doctor those flagged for medical assessment.
    (Data.MATCH_REQUEST, Act.SEE): _rule(
        every=COORDINATING, assigned=[Role.THERAPIST], flagged=[Role.DOCTOR]
    ),
    (Data.MATCH_REQUEST, Act.CHANGE): _rule(every=COORDINATING),
    (Data.MEDICAL_ASSESSMENT, Act.SEE): _rule(flagged=[Role.DOCTOR]),
    (Data.MEDICAL_ASSESSMENT, Act.CHANGE): _rule(flagged=[Role.DOCTOR]),
    (Data.ENQUIRY, Act.SEE): _rule(every=COORDINATING),
    (Data.ENQUIRY, Act.CHANGE): _rule(every=COORDINATING),
    (Data.ACCESS_LOG, Act.SEE): _rule(every=[Role.ADMIN]),
    (Data.ARTICLE_REVIEW, Act.SEE): _rule(every=[Role.DOCTOR, Role.ADMIN]),
    (Data.ARTICLE_REVIEW, Act.CHANGE): _rule(every=[Role.DOCTOR]),
    (Data.COURSE, Act.SEE): _rule(every=COORDINATING),
    (Data.PROFILE, Act.SEE): _rule(every=[Role.ADMIN], assigned=[Role.THERAPIST, Role.DOCTOR]),
    (Data.PROFILE, Act.CHANGE): _rule(
        assigned=[Role.THERAPIST, Role.DOCTOR]
    ),  # one's own; admins use the admin
    (Data.ADMIN, Act.SEE): _rule(every=[Role.ADMIN]),
    # A course: its team only. "assigned" here means "on the course's team" (`may(..., team=…)`); anyone
    # else on staff may read it only through an emergency access. Nobody sees every course, not even admins.
    (Data.TREATMENT, Act.SEE): _rule(assigned=STAFF_ROLES, emergency=STAFF_ROLES),
    (Data.TREATMENT, Act.CHANGE): _rule(assigned=CLINICAL),  # clinical writing: therapist or doctor
    (Data.TEAM, Act.SEE): _rule(assigned=STAFF_ROLES, emergency=STAFF_ROLES),
    (Data.TEAM, Act.CHANGE): _rule(
        assigned=[*CLINICAL, Role.COORDINATOR, Role.ADMIN]
    ),  # an admin as coordinator
    (Data.PRESCRIPTION, Act.SEE): _rule(assigned=STAFF_ROLES, emergency=STAFF_ROLES),
    (Data.PRESCRIPTION, Act.CHANGE): _rule(assigned=[Role.DOCTOR]),
    (Data.EMERGENCY_REVIEW, Act.SEE): _rule(every=[Role.ADMIN]),
    (Data.EMERGENCY_REVIEW, Act.CHANGE): _rule(every=[Role.ADMIN]),
    (Data.ADMIN, Act.CHANGE): _rule(every=[Role.ADMIN]),
}


def roles(data: Data, act: Act = Act.SEE) -> tuple[Role, ...]:
    """The roles that may open pages of this kind at all (the object check is `may`), in a stable order."""
    return tuple(sorted(RULES[(data, act)].roles))


def _staff(user: object) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_staff)  # type: ignore[attr-defined]


def sees_every(user: User, data: Data, act: Act = Act.SEE) -> bool:
    """True when the user may see (or change) every item of this kind, not only their own or flagged ones."""
    return _staff(user) and user.has_role(*RULES[(data, act)].every)


def may(
    user: User,
    act: Act,
    data: Data,
    *,
    assigned_user_id: int | None = None,
    team: Collection[int] = (),
    flagged: bool = False,
    emergency: bool = False,
) -> bool:
    """May `user` do `act` on one item of `data`, assigned to `assigned_user_id` (or to everyone in `team`),
    `flagged` or not, with an emergency access to it in force (`emergency`) or not?"""
    if not _staff(user):
        return False
    rule = RULES[(data, act)]
    if user.has_role(*rule.every):
        return True
    assigned = (assigned_user_id is not None and assigned_user_id == user.pk) or user.pk in team
    if assigned and user.has_role(*rule.assigned):
        return True
    if emergency and user.has_role(*rule.emergency):
        return True
    return flagged and user.has_role(*rule.flagged)


def may_declare_emergency(user: User, data: Data, act: Act = Act.SEE) -> bool:
    """May `user` open an item of `data` they are not assigned to by declaring an emergency access?"""
    return _staff(user) and user.has_role(*RULES[(data, act)].emergency)


def is_own(user: object, person: Person | None) -> bool:
    """The person's own data, seen by the person: their own active client account, never a staff one."""
    return bool(
        person is not None
        and getattr(user, "is_authenticated", False)
        and user.is_active  # type: ignore[attr-defined]
        and not user.is_staff  # type: ignore[attr-defined]
        and person.user_id is not None
        and person.user_id == user.pk  # type: ignore[attr-defined]
    )


# --- What a relative may see of a person (forlop.relatives) ------------------------------------------------


class RelativeShare(StrEnum):
    """The person's dial for one relative, and the kinds of data the dial can let through."""

    NOTHING = "nothing"
    APPOINTMENTS = "appointments"
    SUMMARY = "summary"


# Dial -> what the relative may read. Check-ins, journal notes, scores and doses are in no row: never shared.
RELATIVE_SHARES: dict[str, frozenset[RelativeShare]] = {
    RelativeShare.NOTHING: frozenset(),
    RelativeShare.APPOINTMENTS: frozenset({RelativeShare.APPOINTMENTS}),
    RelativeShare.SUMMARY: frozenset({RelativeShare.APPOINTMENTS, RelativeShare.SUMMARY}),
}


def relative_may_see(
    user: object, relative: Person | None, *, consent_relative_id: int, dial: str, what: RelativeShare
) -> bool:
    """Data.RELATIVE_VIEW: may `user`, logged in as `relative`, read `what` of the person who set `dial` for
    the relative `consent_relative_id`? Only the relative's own client account, only the consent that names
    them, only what the dial lets through (read from the consent row in the same transaction as the data)."""
    return (
        is_own(user, relative)
        and relative is not None
        and relative.pk == consent_relative_id
        and what in RELATIVE_SHARES.get(dial, frozenset())
    )
