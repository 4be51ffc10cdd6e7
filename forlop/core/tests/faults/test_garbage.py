"""Bad input never gives a 5xx: generated garbage posted to every public view that accepts POST.

The list comes from the URLconf: every view marked @public whose method restriction (require_http_methods,
require_POST, the API's api_view) allows POST, or that has none, which takes in the public forms, the match
steps, the booking pages, the passkey login and the JSON API. A test checks the forms that write are among
them.

Each example posts one body: a valid submission with some fields swapped for garbage, or only garbage:
overlong strings, NUL, RTL overrides and other invisible characters, invalid UTF-8 bytes, repeated keys,
huge numbers, NaN and 1e999, nested structures, wrong JSON types, deep nesting, garbage in the query string
and in the Idempotency-Key header. The addresses carry real tokens and slugs (a held time, a confirmed
booking, a course sign-up, a published therapist, a match form filled up to the summary), so the garbage
reaches the forms and services rather than a 404.

Deterministic for CI: Hypothesis is derandomised, and every example runs in a savepoint that is rolled back,
so each one meets the same database.
"""

import inspect
import json
import os
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forlop.audit.access import ACCESS_ATTR, PUBLIC
from forlop.core.tests.test_url_classification import Route, dummy_kwargs, routes

from .refused_writes import API_DETAILS, CONTACT, COURSE, DETAILS

# Examples per view: about 30 views, under a minute in all. GARBAGE_EXAMPLES=150 for a longer hunt.
EXAMPLES = int(os.environ.get("GARBAGE_EXAMPLES", "15"))


def allowed_methods(view: Callable) -> set[str] | None:
    """The methods a view's decorators let through (None: any), read from their closures."""
    func: Callable | None = view
    while func is not None:
        try:
            nonlocals = inspect.getclosurevars(func).nonlocals
        except TypeError:
            nonlocals = {}
        for name in ("request_method_list", "methods"):
            if name in nonlocals:
                return {method.upper() for method in nonlocals[name]}
        func = getattr(func, "__wrapped__", None)
    return None


def posting_routes() -> list[Route]:
    found = []
    for route in routes():
        if getattr(route.callback, ACCESS_ATTR, None) != PUBLIC or not route.name:
            continue
        methods = allowed_methods(route.callback)
        if methods is None or "POST" in methods:
            found.append(route)
    return found


POSTING = {route.name: route for route in posting_routes()}
# The JSON API's read-only addresses get the same garbage in their address and query string, by GET.
API_GETS = {
    route.name: route
    for route in routes()
    if getattr(route.callback, "json_errors", False) and "GET" in (allowed_methods(route.callback) or {"GET"})
}
TARGETS = {**POSTING, **API_GETS}


def test_the_public_forms_that_write_and_the_api_are_among_the_views_tried():
    assert {
        "contact:form",
        "matching:match",
        "matching:step",
        "matching:summary",
        "booking:start",
        "booking:details",
        "booking:review",
        "booking:manage",
        "booking:move",
        "course:signup",
        "booking:api_holds",
        "booking:api_confirm",
        "accounts:login",
        "accounts:passkey_login",
    } <= set(POSTING)
    assert "contact:thanks" not in POSTING  # GET only


# --- garbage ------------------------------------------------------------------------------------------------

NASTY = [
    "\x00",
    "a\x00b",
    "\u202e",  # right-to-left override
    "\u202dKari\u202c",
    "\u2066x\u2069",
    "\ufeff",
    "\u200b",
    "\U0001f4a9",
    "e\u0301" * 50,
    "\r\nBcc: x@example.no",
    "<script>alert(1)</script>",
    "{{ 7*7 }}{% debug %}",
    "'; DROP TABLE booking_booking;--",
    "../../../../etc/passwd",
    "%00%ff",
    "１２３",
    "٣٤",
    "-0",
    "1e999",
    "NaN",
    "9" * 400,
    "2026-02-30T25:61:00+99:00",
    "9999-12-31T23:59:59+00:00",
    "0001-01-01T00:00:00-23:59",
    "",
    " ",
]


def _overlong() -> st.SearchStrategy[str]:
    return st.builds(
        lambda piece, count: piece * count,
        st.sampled_from(["a", "ø", "\u202e", "\x00", "9", "x@y.no "]),
        st.integers(min_value=300, max_value=60_000),
    )


garbage_text = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=40),
    _overlong(),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.lists(st.sampled_from(NASTY), min_size=2, max_size=5).map("".join),
)
garbage_value = st.one_of(garbage_text, st.lists(garbage_text, min_size=2, max_size=4))  # repeated keys

json_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=False),
    garbage_text,
)
json_value = st.recursive(
    json_scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)

RAW_BODIES = [
    b"\xff\xfe\xfd",
    b"name=\xff\xfe&email=%ff%c3%28&message=\xc3",
    b"[" * 5000,
    b"{" * 100 + b"}" * 100,
    b'{"start": 1e999, "therapist": "x", "type": "y"}',
    b'{"start": NaN, "consent": Infinity}',
    b'{"a": 1, "a": 2, "a": [3]}',
    b"\x00" * 100,
    b"a=1&a=2&a=3&" * 200,
    b"%",
    b"=&=&==&&",
]
CONTENT_TYPES = [
    "application/x-www-form-urlencoded",
    "application/json",
    "text/plain",
    "multipart/form-data; boundary=x",
    "application/x-www-form-urlencoded; charset=latin-1",
    "application/json; charset=utf-16",
]


# --- the world the garbage is sent into ---------------------------------------------------------------------

BASES: dict[str, dict[str, Any]] = {
    "contact:form": CONTACT,
    "course:signup": COURSE,
    "booking:details": DETAILS,
    "booking:api_confirm": API_DETAILS,
}


@pytest.fixture
def world(db, settings, coordinator):
    """A therapist, a held time with details, a confirmed booking, a course sign-up, a match form filled to
    the summary, a staff member half logged in (password done, a passkey registered and its challenge
    asked for); the addresses of every posting view with their real tokens."""
    from forlop.booking import services as booking
    from forlop.course.models import Lesson
    from forlop.course.services import sign_up
    from forlop.matching.tests.conftest import STEP_DATA, fill_steps

    from .refused_writes import _therapist_and_slot

    settings.BOOKING_API_RATE_LIMIT_PER_MINUTE = 10**6
    from importlib import import_module

    import_module("forlop.course.migrations.0003_lesson_safety").seed_lessons(Lesson)
    therapist, ctype, slot = _therapist_and_slot()
    now = timezone.now()
    held = booking.hold_slot(therapist=therapist, consultation_type=ctype, start=slot.start_utc, now=now)
    booking.save_details(  # so that the review page's POST reaches the confirmation
        booking=held.booking,
        details=booking.ClientDetails(name="Nora", email="nora@example.no", phone="", note="", consent=True),
        now=now,
    )
    later = slot.start_utc + timedelta(days=1)
    other_hold = booking.hold_slot(therapist=therapist, consultation_type=ctype, start=later, now=now)
    confirmed = booking.confirm_booking(
        booking=other_hold.booking,
        details=booking.ClientDetails(name="Nora", email="nora@example.no", phone="", note="", consent=True),
        now=now,
    )
    api_hold = booking.hold_slot(
        therapist=therapist, consultation_type=ctype, start=slot.start_utc + timedelta(days=2), now=now
    )
    sign_up(email="kari@example.no", first_name="Kari", audience="self", ip_hash="garbage")
    from forlop.course.models import Enrollment

    enrollment = Enrollment.objects.get(email="kari@example.no")
    client = Client()
    fill_steps(client)
    staff = _half_logged_in(coordinator)
    kwargs = {
        "booking:start": {"slug": therapist.slug},
        "booking:details": {"token": held.token},
        "booking:review": {"token": held.token},
        "booking:manage": {"token": confirmed.manage_token},
        "booking:move": {"token": confirmed.manage_token},
        "booking:api_confirm": {"token": api_hold.token},
        "booking:api_slots": {"slug": therapist.slug},
        "therapists:detail": {"slug": therapist.slug},
        "course:confirm": {"token": enrollment.token},
        "course:unsubscribe": {"token": enrollment.token},
        "matching:step": {"number": 3},
        "booking:api_unknown": {"rest": "holds/x"},
    }
    bases = dict(BASES)
    bases["booking:api_holds"] = {
        "therapist": therapist.slug,
        "type": ctype.slug,
        "start": slot.start_utc.isoformat(),
    }
    bases["booking:start"] = {"type": ctype.slug, "start": timezone.localtime(slot.start_utc).isoformat()}
    bases["booking:manage"] = {"action": "cancel"}
    bases["booking:move"] = {"start": timezone.localtime(later + timedelta(days=3)).isoformat()}
    bases["accounts:login"] = {"email": coordinator.email, "password": "feil-passord-2026"}
    bases["accounts:verify"] = {"code": "123456"}
    bases["accounts:password_reset"] = {"email": coordinator.email}
    bases["matching:match"] = STEP_DATA[1]
    bases["matching:step"] = STEP_DATA[3]
    urls, params = {}, {}
    for name, route in TARGETS.items():
        values = kwargs.get(name) or dummy_kwargs(route)
        urls[name] = reverse(name, kwargs=values)
        params[name] = [str(value) for value in values.values()]
    clients = {name: staff if name.startswith("accounts:") else client for name in TARGETS}
    return {"clients": clients, "urls": urls, "params": params, "bases": bases, "json": _json_views()}


def _half_logged_in(user) -> Client:
    """Password accepted, second factor not yet: the state the passkey login and the setup pages expect."""
    from forlop.accounts import passkeys
    from forlop.accounts.tests.conftest import log_in_with_password
    from forlop.accounts.tests.soft_authenticator import SoftAuthenticator

    rp = passkeys.RelyingParty("testserver", "http://testserver")
    options, challenge = passkeys.registration_options(user=user, rp=rp)
    authenticator = SoftAuthenticator("http://testserver")
    passkeys.register(user=user, credential=authenticator.create(options), challenge=challenge, rp=rp)
    staff = Client()
    assert log_in_with_password(staff, user).status_code == 302
    assert staff.post("/ansatt/logg-inn/passnokkel/valg/").status_code == 200
    return staff


def _json_views() -> set[str]:
    marked = {name for name, route in TARGETS.items() if getattr(route.callback, "json_errors", False)}
    return marked | {name for name in POSTING if "passkey" in name}


@st.composite
def requests(draw, *, name: str, base: dict[str, Any], is_json: bool) -> dict[str, Any]:
    """One POST: its body, content type, a query string and extra headers."""
    kinds = ["json", "json", "form", "raw"] if is_json else ["form", "form", "form", "json", "raw"]
    kind = draw(st.sampled_from(kinds))
    fields = list(base) + ["website", "action", "consent", "x"]
    if kind == "raw":
        body: Any = draw(st.sampled_from(RAW_BODIES) | st.binary(max_size=200))
        content_type = draw(st.sampled_from(CONTENT_TYPES))
    elif kind == "json":
        start = dict(base) if draw(st.booleans()) else {}
        changed = draw(st.dictionaries(st.sampled_from(fields) | st.text(max_size=8), json_value, max_size=4))
        whole = draw(st.one_of(st.just({**start, **changed}), json_value))
        body = json.dumps(whole)
        content_type = "application/json"
    else:
        start = dict(base) if draw(st.booleans()) else {}
        changed = draw(
            st.dictionaries(st.sampled_from(fields) | st.text(max_size=8), garbage_value, max_size=4)
        )
        body = {**start, **changed}
        content_type = "application/x-www-form-urlencoded"
    query = draw(
        st.one_of(
            st.just(""),
            st.dictionaries(
                st.sampled_from(["type", "dag", "fra", "from", "to", "haster", "slettet", "next"]),
                garbage_text,
                max_size=3,
            ).map(lambda d: "&".join(f"{k}={_quote(v)}" for k, v in d.items())),
        )
    )
    # Now and then a garbage token, slug or number in the address itself.
    path = draw(st.none() | st.none() | garbage_text)
    headers = {}
    if draw(st.booleans()):
        headers["HTTP_IDEMPOTENCY_KEY"] = draw(garbage_text)
    return {"body": body, "content_type": content_type, "query": query, "path": path, "headers": headers}


def _quote(value: str) -> str:
    from urllib.parse import quote

    return quote(value[:2000], safe="")


def send_one(client: Client, method: str, url: str, params: list[str], request: dict[str, Any]):
    if request["path"] is not None and params:
        url = url.replace(f"/{params[0]}", "/" + _quote(request["path"]), 1)
    full = f"{url}?{request['query']}" if request["query"] else url
    body = request["body"]
    if isinstance(body, dict):  # form-encoded by the client, lists as repeated keys
        from urllib.parse import urlencode

        data: Any = urlencode(body, doseq=True)
    else:
        data = body
    if method == "GET":
        return client.get(full, **request["headers"])
    return client.generic("POST", full, data=data, content_type=request["content_type"], **request["headers"])


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "method"),
    [(name, "POST") for name in sorted(POSTING)] + [(name, "GET") for name in sorted(API_GETS)],
)
def test_garbage_sent_to_a_public_view_never_gives_a_5xx(world, name, method):
    url, base = world["urls"][name], world["bases"].get(name, {})
    client = world["clients"][name]
    statuses: list[int] = []

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )
    @given(request=requests(name=name, base=base, is_json=name in world["json"]))
    def send(request):
        with transaction.atomic():  # each example meets the same database
            response = send_one(client, method, url, world["params"][name], request)
            transaction.set_rollback(True)
        statuses.append(response.status_code)
        assert response.status_code < 500, (name, request, response.content[:500])

    send()
    assert statuses
    if os.environ.get("GARBAGE_REPORT"):
        print(name, len(statuses), sorted(set(statuses)))
