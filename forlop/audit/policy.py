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


class Act(StrEnum):
    SEE = "see"
    CHANGE = "change"


@dataclass(frozen=True)
class Rule:
    every: frozenset[Role]
    assigned: frozenset[Role] = frozenset()
    flagged: frozenset[Role] = frozenset()

    @property
    def roles(self) -> frozenset[Role]:
        return self.every | self.assigned | self.flagged


def _rule(every=(), assigned=(), flagged=()) -> Rule:
    return Rule(frozenset(every), frozenset(assigned), frozenset(flagged))


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
    flagged: bool = False,
) -> bool:
    """May `user` do `act` on one item of `data`, assigned to `assigned_user_id` and `flagged` or not?"""
    if not _staff(user):
        return False
    rule = RULES[(data, act)]
    if user.has_role(*rule.every):
        return True
    if assigned_user_id is not None and assigned_user_id == user.pk and user.has_role(*rule.assigned):
        return True
    return flagged and user.has_role(*rule.flagged)


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
