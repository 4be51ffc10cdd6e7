"""Every view is classified: public, staff-only, personal-data or own-data. A test walks all URL patterns and
fails on an unclassified view, so nobody can add a view without deciding who may see it. Which roles may open
a page comes from the one access policy (`forlop.audit.policy.roles`); the object check inside a view asks
`policy.may`.

- `@public`: anyone may see it; it shows no personal data.
- `@staff_only(*roles)`: verified staff (password + second factor) holding one of `roles`.
- `@personal_data(*roles, purpose=…)`: as staff_only, and the view shows personal or health data; it must
  record every object it shows with `forlop.audit.services.log_access` (the decorator makes the purpose
  available as `request.access_purpose`). Responses get `Cache-Control: no-store`. A successful GET of a
  personal-data view that logged nothing raises a `MissingAccessLog` warning (an error under pytest), so a
  forgotten `log_access` call fails the view's own tests. A list page that shows nothing still calls
  `log_access_many(objs=[])`.
- `@own_data(purpose=…)`: a person viewing or changing their own data (Min side); see `own_data`.
"""

import warnings
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

from forlop.accounts.guards import forbidden, is_verified, staff_gate
from forlop.people.models import Person

from . import policy
from .actors import current_request

PUBLIC = "public"
STAFF = "staff"
PERSONAL = "personal"

ACCESS_ATTR = "access_class"
LOGGED_ATTR = "access_logged"  # set on the request by forlop.audit.services


class MissingAccessLog(UserWarning):
    """A personal-data view answered a GET without writing to the access log."""


def public(view: Callable) -> Callable:
    setattr(view, ACCESS_ATTR, PUBLIC)
    return view


def _gated(classification: str, roles: tuple[str, ...], purpose: str = "") -> Callable[[Callable], Callable]:
    if not roles:
        raise ValueError("name the roles that may use this view")

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            refusal = staff_gate(request, roles)
            if refusal is not None:
                add_never_cache_headers(refusal)
                return refusal
            request.access_purpose = purpose  # type: ignore[attr-defined]
            token = current_request.set(request)
            try:
                response = view(request, *args, **kwargs)
            finally:
                current_request.reset(token)
            if (
                classification == PERSONAL
                and request.method in ("GET", "HEAD")
                and response.status_code == 200
                and not getattr(request, LOGGED_ATTR, False)
            ):
                warnings.warn(
                    f"{view.__module__}.{view.__qualname__} showed personal data without calling "
                    "forlop.audit.services.log_access / log_access_many",
                    MissingAccessLog,
                    stacklevel=2,
                )
            add_never_cache_headers(response)
            response["Cache-Control"] = "no-store, private"
            return response

        setattr(wrapper, ACCESS_ATTR, classification)
        wrapper.allowed_roles = frozenset(roles)  # type: ignore[attr-defined]
        return wrapper

    return decorator


def staff_only(*roles: str) -> Callable[[Callable], Callable]:
    return _gated(STAFF, roles)


def personal_data(*roles: str, purpose: str) -> Callable[[Callable], Callable]:
    if not purpose:
        raise ValueError("say why the data is shown (purpose)")
    return _gated(PERSONAL, roles, purpose)


# --- A person viewing their own data (Min side) -------------------------------------------------------------

OWN = "own"
# Set on the request by @own_data: the person whose own page it is. forlop.audit.services logs such a
# request's reads and changes as the person's own (AccessLog.actor_kind = SELF, the person as subject).
OWN_PERSON_ATTR = "person"


def own_data(*, purpose: str) -> Callable[[Callable], Callable]:
    """A person viewing (or acting on) their own data: a client account linked to a `forlop.people.Person`,
    logged in with a verified second factor. Never staff: a staff account is never a client account, and
    staff read a person's data through `@personal_data` views, which log it as staff access.

    The view receives the person as `request.person` and must log what it shows with
    `forlop.audit.services.log_access` (a GET answered 200 without logging warns `MissingAccessLog`, as for
    `@personal_data`); the row names the person as subject (`AccessLog.person`) and is marked as the person's
    own (`AccessLog.actor_kind = SELF`, the client's account as user, no roles), so "who has read my data" can
    tell the person's own reads from staff's. A service the view calls with `by=request.user` (a client
    account) records its change the same way (`forlop.audit.actors.actor_of`).

    Who passes is `forlop.audit.policy.is_own`: the person's own active client account. Anonymous visitors go
    to the client login (setting `CLIENT_LOGIN_URL`, else `LOGIN_URL`), as does a client whose second factor
    is not verified yet; a staff account, or an account with no person, gets 403. The view takes no person
    id from the URL: it can only ever show the one person, so there is nothing to guess. The URL walker test
    (forlop/core/tests/test_url_classification.py) checks every such view refuses anonymous visitors and staff.

    Example::

        @own_data(purpose="Min side: timene mine")
        def appointments(request):
            person = request.person
            bookings = list(person.bookings.all())
            log_access_many(request=request, objs=bookings, subject=lambda _b: person)
            ...
    """
    if not purpose:
        raise ValueError("say why the data is shown (purpose)")

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            refusal = _own_gate(request)
            if refusal is not None:
                add_never_cache_headers(refusal)
                refusal["Cache-Control"] = "no-store, private"
                return refusal
            request.access_purpose = purpose  # type: ignore[attr-defined]
            token = current_request.set(request)
            try:
                response = view(request, *args, **kwargs)
            finally:
                current_request.reset(token)
            if (
                request.method in ("GET", "HEAD")
                and response.status_code == 200
                and not getattr(request, LOGGED_ATTR, False)
            ):
                warnings.warn(
                    f"{view.__module__}.{view.__qualname__} showed a person their data without calling "
                    "forlop.audit.services.log_access / log_access_many",
                    MissingAccessLog,
                    stacklevel=2,
                )
            add_never_cache_headers(response)
            response["Cache-Control"] = "no-store, private"
            return response

        setattr(wrapper, ACCESS_ATTR, OWN)
        return wrapper

    return decorator


def _own_gate(request: HttpRequest) -> HttpResponse | None:
    """None when the request comes from a verified client with a person; else the response to send."""
    login_url = getattr(settings, "CLIENT_LOGIN_URL", None) or settings.LOGIN_URL
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path(), login_url=login_url)
    if not user.is_active or user.is_staff:  # a staff account is never a client account
        return forbidden(request)
    person = Person.objects.filter(user=user).first()
    if not policy.is_own(user, person):
        return forbidden(request)
    if not is_verified(user):
        return redirect_to_login(request.get_full_path(), login_url=login_url)
    setattr(request, OWN_PERSON_ATTR, person)
    return None
