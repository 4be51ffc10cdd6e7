"""Every URL pattern of the project is classified public, staff-only, personal-data or own-data.

A new view cannot be added without deciding who may see it: this walks the whole URLconf and fails on any
view without an `access_class` (see forlop/audit/access.py). Then every staff and personal-data URL is
called as an anonymous visitor, a role-less account, a verified client and a verified staff member holding
none of the allowed roles, and must refuse them all. Every own-data URL (a person's own pages, Min side)
sends anonymous visitors to the client login and refuses every staff role and an account with no person.
Who sees which person's data on those URLs is forlop/audit/tests/test_authorization_matrix.py.
"""

import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import hypothesis
import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from hypothesis import strategies

from forlop.accounts.models import STAFF_ROLES, User
from forlop.accounts.testing import login_verified
from forlop.audit.access import ACCESS_ATTR, OWN, PERSONAL, PUBLIC, STAFF

# Django's admin site: staff by namespace. The site itself demands the admin role and a second factor
# (configured in forlop/accounts), and its views cannot carry our decorators.
ADMIN_NAMESPACES = {"admin"}

# Third-party views that cannot be decorated, each with the reason it is safe. Keep this small.
ALLOWLIST: dict[str, str] = {}

CLASSES = {PUBLIC, STAFF, PERSONAL, OWN}


@dataclass(frozen=True)
class Route:
    route: str
    name: str  # namespaced, "" when unnamed
    pattern: URLPattern

    @property
    def callback(self) -> Callable:
        return self.pattern.callback

    @property
    def dotted(self) -> str:
        view = getattr(self.callback, "view_class", self.callback)
        qualname = getattr(view, "__qualname__", type(view).__qualname__)
        return f"{view.__module__}.{qualname}"

    @property
    def access_class(self) -> str | None:
        return getattr(self.callback, ACCESS_ATTR, None)


def walk(patterns, namespace: str = "", prefix: str = "") -> Iterator[Route | str]:
    """Every pattern as a Route; every admin site as the string of its prefix."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in ADMIN_NAMESPACES:
                yield prefix + str(entry.pattern)
                continue
            inner = (
                f"{namespace}:{entry.namespace}"
                if namespace and entry.namespace
                else namespace or entry.namespace
            )
            yield from walk(entry.url_patterns, inner or "", prefix + str(entry.pattern))
        else:
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name or ""
            yield Route(prefix + str(entry.pattern), name, entry)


def routes() -> list[Route]:
    return [r for r in walk(get_resolver().url_patterns) if isinstance(r, Route)]


def test_every_url_pattern_is_classified():
    unclassified = [
        f"/{r.route} ({r.name or 'unnamed'}) -> {r.dotted}"
        for r in routes()
        if r.access_class not in CLASSES and r.dotted not in ALLOWLIST
    ]
    assert unclassified == [], (
        "These views are not classified. Decorate each with @public, @staff_only(...), @own_data(...) or "
        "@personal_data(..., purpose=...) from forlop.audit.access (outermost):\n" + "\n".join(unclassified)
    )


def test_the_allowlist_holds_no_stale_entries():
    present = {r.dotted for r in routes()}
    assert set(ALLOWLIST) <= present


def test_the_admin_site_is_mounted_and_classified_by_namespace():
    admin_prefixes = [r for r in walk(get_resolver().url_patterns) if isinstance(r, str)]
    assert admin_prefixes == ["admin/"]


def test_the_walk_sees_the_project_s_views():
    found = {r.name: r.access_class for r in routes()}
    assert found["site:home"] == PUBLIC
    assert found["audit:log"] == PERSONAL
    assert found["contact_staff:detail"] == PERSONAL


# --- Gated views refuse everyone who should not pass --------------------------------------------------------

DUMMY_VALUES = ["1", "x", str(uuid.UUID(int=1)), "2026-01-01"]


def dummy_value(regex: str) -> str:
    for value in DUMMY_VALUES:
        if re.fullmatch(regex, value):
            return value
    # A custom converter: the simplest string its pattern accepts.
    return hypothesis.find(strategies.from_regex(regex, fullmatch=True), lambda _: True)


def dummy_kwargs(route: Route) -> dict:
    converters = getattr(route.pattern.pattern, "converters", {})
    return {key: converter.to_python(dummy_value(converter.regex)) for key, converter in converters.items()}


def url_of(route: Route) -> str | None:
    if not route.name:
        return None
    url = reverse(route.name, kwargs=dummy_kwargs(route))
    assert resolve(url).func is route.callback
    return url


def gated() -> list[Route]:
    return [r for r in routes() if r.access_class in (STAFF, PERSONAL)]


def test_there_are_gated_views_to_check():
    assert len(gated()) >= 4


def _call(client: Client, route: Route, rf, user) -> tuple[int, str, str]:
    """Status, Location and Cache-Control of a GET: through the URL when the route is named, else by calling
    the view with `user` (verified when `client` is) on a bare request."""
    url = url_of(route)
    if url is not None:
        response = client.get(url)
    else:
        request = rf.get("/" + re.sub(r"<[^>]+>", "1", route.route))
        request.session = client.session
        request.user = user
        if user.is_authenticated:
            verified = "otp_device_id" in client.session
            user.is_verified = lambda: verified
        response = route.callback(request, **dummy_kwargs(route))
    return response.status_code, response.get("Location", ""), response.get("Cache-Control", "")


@pytest.mark.django_db
def test_every_gated_view_sends_anonymous_visitors_to_login(client, rf):
    login_url = resolve_url(settings.LOGIN_URL)
    wrong = []
    for route in gated():
        status, location, cache = _call(client, route, rf, AnonymousUser())
        if status != 302 or not location.startswith(login_url) or "no-store" not in cache:
            wrong.append(f"{route.name or route.route}: {status} {location}")
    assert wrong == []


@pytest.mark.django_db
def test_every_gated_view_refuses_a_roleless_account(client, rf, stranger):
    client.force_login(stranger)
    wrong = [r.name or r.route for r in gated() if _call(client, r, rf, stranger)[0] != 403]
    assert wrong == []


@pytest.mark.django_db
def test_every_gated_view_refuses_a_verified_client(client, rf, client_person):
    login_verified(client, client_person)
    wrong = [r.name or r.route for r in gated() if _call(client, r, rf, client_person)[0] != 403]
    assert wrong == []


@pytest.mark.django_db
def test_every_gated_view_refuses_verified_staff_without_an_allowed_role(rf):
    staff = {
        role: User.objects.create_user(f"bare-{role}@example.no", None, **{f"is_{role}": True})
        for role in STAFF_ROLES
    }
    wrong = []
    for route in gated():
        for role in sorted(STAFF_ROLES - set(route.callback.allowed_roles)):
            client = login_verified(Client(), staff[role])
            status = _call(client, route, rf, staff[role])[0]
            if status != 403:
                wrong.append(f"{route.name or route.route} as {role}: {status}")
    assert wrong == []


# --- Own-data views: only the person themself -------------------------------------------------------------


def own_views() -> list[Route]:
    return [r for r in routes() if r.access_class == OWN]


def test_there_are_own_data_views_to_check():
    assert own_views()


@pytest.mark.django_db
def test_every_own_data_view_sends_anonymous_visitors_to_the_client_login(client, rf):
    login_url = resolve_url(getattr(settings, "CLIENT_LOGIN_URL", None) or settings.LOGIN_URL)
    wrong = []
    for route in own_views():
        status, location, cache = _call(client, route, rf, AnonymousUser())
        if status == 405:  # POST only: a GET shows nothing to anyone
            continue
        if status != 302 or not location.startswith(login_url) or "no-store" not in cache:
            wrong.append(f"{route.name or route.route}: {status} {location}")
    assert wrong == []


@pytest.mark.django_db
def test_every_own_data_view_refuses_every_staff_role_and_an_account_without_a_person(rf):
    accounts = {
        role: User.objects.create_user(f"own-{role}@example.no", None, **{f"is_{role}": True})
        for role in STAFF_ROLES
    }
    accounts["client"] = User.objects.create_user("own-client@example.no", None, is_client=True)
    wrong = []
    for route in own_views():
        for who, user in accounts.items():
            status = _call(login_verified(Client(), user), route, rf, user)[0]
            if status not in (403, 405):
                wrong.append(f"{route.name or route.route} as {who}: {status}")
    assert wrong == []
