"""What waits for each staff role: the start page's lists and the staff menu's counts.

Reads only; each list is one query whatever its length, and all the counts are one query, computed once per
request however often a page asks.

Who sees what follows the lists the roles already have: coordinators and admins the match queue's "waiting"
and new contact enquiries; doctors the requests awaiting a doctor's decision and the articles awaiting
medical review (admins see that list too); therapists their own coming bookings and the open requests
assigned to them.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import F, Func, QuerySet, Subquery
from django.http import HttpRequest

from forlop.accounts.models import Role, User
from forlop.audit import policy
from forlop.audit.policy import Act, Data
from forlop.booking.models import Booking
from forlop.contact.models import ContactEnquiry
from forlop.content.models import Article
from forlop.lib.timezones import OSLO
from forlop.matching.models import MatchRequest

SHOWN = 10  # rows per list on the start page; the full lists are one click away
BOOKING_DAYS = 14  # "today and the coming days" on the therapist's start page

COORDINATING = policy.roles(Data.MATCH_REQUEST, Act.CHANGE)  # the coordinators' queue and enquiries
REVIEWING_ARTICLES = policy.roles(Data.ARTICLE_REVIEW)
REQUEST_ATTR = "_staff_counts"


@dataclass(frozen=True)
class Counts:
    """How much waits, per menu entry (0 where the role does not see the list)."""

    requests: int = 0  # the coordinator's queue: new, or a question answered
    enquiries: int = 0  # new contact enquiries
    medical: int = 0  # requests awaiting a doctor's decision
    mine: int = 0  # open requests assigned to this therapist
    articles: int = 0  # articles awaiting medical review


def _count(queryset: QuerySet) -> Subquery:
    """COUNT(*) of `queryset` as a scalar subquery: always one row, 0 when nothing matches."""
    return Subquery(queryset.order_by().values(n=Func(F("pk"), function="COUNT")))


def counts_for(user: User) -> Counts:
    """Every count the user's roles see, in one query (scalar subqueries on the user's own row), so the
    menu adds one query to a staff page however much waits and whatever the roles."""
    wanted: dict[str, Subquery] = {}
    if user.has_role(*COORDINATING):
        wanted["requests"] = _count(MatchRequest.objects.waiting())
        wanted["enquiries"] = _count(ContactEnquiry.objects.new())
    if user.has_role(*policy.roles(Data.MEDICAL_ASSESSMENT)):
        wanted["medical"] = _count(MatchRequest.objects.awaiting_doctor())
    if user.has_role(Role.THERAPIST):
        wanted["mine"] = _count(MatchRequest.objects.assigned_to(user).open())
    if user.has_role(*REVIEWING_ARTICLES):
        wanted["articles"] = _count(Article.objects.needing_medical_review())
    if not wanted:
        return Counts()
    found: dict[str, Any] = dict(User.objects.filter(pk=user.pk).values(**wanted).first() or {})
    return Counts(**{name: value or 0 for name, value in found.items()})


def counts(request: HttpRequest) -> Counts:
    """The counts for `request.user`, computed once per request (the page and the menu both ask)."""
    cached = getattr(request, REQUEST_ATTR, None)
    if cached is None:
        cached = counts_for(request.user)  # type: ignore[arg-type]
        setattr(request, REQUEST_ATTR, cached)
    return cached


# --- the start page's lists ---------------------------------------------------------------------------


def waiting_requests() -> QuerySet[MatchRequest]:
    """The coordinator's queue: urgent first, then whoever has waited longest."""
    return MatchRequest.objects.waiting().queue_order()


def new_enquiries() -> QuerySet[ContactEnquiry]:
    """Contact enquiries nobody has answered: urgent ones first, then whoever has waited longest."""
    return ContactEnquiry.objects.new().order_by("-urgent", "created_at", "pk")


def awaiting_doctor() -> QuerySet[MatchRequest]:
    return MatchRequest.objects.awaiting_doctor().queue_order()


def articles_to_review() -> QuerySet[Article]:
    """Oldest change first: the article that has waited longest for a doctor."""
    return (
        Article.objects.needing_medical_review()
        .order_by("updated_at", "pk")
        .defer("body", "body_html", "search_document")
    )


def assigned_requests(user: User) -> QuerySet[MatchRequest]:
    return MatchRequest.objects.assigned_to(user).open().queue_order()


def coming_bookings(user: User, *, now: datetime) -> QuerySet[Booking]:
    """The therapist's confirmed consultations from now (one under way included) until the end of the
    14th day from today."""
    last_day: date = now.astimezone(OSLO).date() + timedelta(days=BOOKING_DAYS)
    until = datetime.combine(last_day, datetime.min.time(), tzinfo=OSLO)
    return (
        Booking.objects.filter(
            therapist__user=user, status=Booking.Status.CONFIRMED, end_at__gt=now, start_at__lt=until
        )
        .select_related("consultation_type")
        .order_by("start_at", "pk")
    )
