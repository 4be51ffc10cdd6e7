"""Shared test fixtures: personas, a real browser, accessibility checks.

Personas follow STYLE.md: client_person, therapist, other_therapist, coordinator, doctor, admin_user and
stranger (a staff-less, role-less account). Anonymous visitors are the plain `client` fixture.
"""

import os
import shutil
from pathlib import Path

import pytest

from forlop.accounts.models import User

IN_CI = os.environ.get("CI", "").lower() == "true"
OUTPUT_DIR = Path(__file__).resolve().parent.parent / "test-output"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
PASSWORD = "ganske-langt-passord-2026"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Argon2 is deliberately slow; tests that are about hashing set PASSWORD_HASHERS themselves."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _norwegian_by_default():
    """A request to /en/… leaves English active in the thread; every test starts in Norwegian again."""
    from django.utils import translation

    translation.activate("nb")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty page cache (the default cache is per process and outlives tests)."""
    from django.core.cache import cache

    from forlop.content.pagecache import forget_version

    cache.clear()
    forget_version()


def make_user(email: str, **roles) -> User:
    return User.objects.create_user(email, PASSWORD, full_name=email.split("@")[0].title(), **roles)


@pytest.fixture
def client_person(db) -> User:
    return make_user("klient@example.no", is_client=True)


@pytest.fixture
def therapist(db) -> User:
    return make_user("terapeut@example.no", is_therapist=True)


@pytest.fixture
def other_therapist(db) -> User:
    return make_user("annen.terapeut@example.no", is_therapist=True)


@pytest.fixture
def coordinator(db) -> User:
    return make_user("koordinator@example.no", is_coordinator=True)


@pytest.fixture
def doctor(db) -> User:
    return make_user("lege@example.no", is_doctor=True, is_therapist=True)


@pytest.fixture
def admin_user(db) -> User:
    return make_user("admin@example.no", is_admin=True, is_superuser=True)


@pytest.fixture
def stranger(db) -> User:
    return make_user("fremmed@example.no")


# --- Browser ------------------------------------------------------------------------------------------


def _browser_missing_reason() -> str | None:
    if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "playwright is not installed"
    return None


@pytest.fixture(scope="session")
def browser():
    reason = _browser_missing_reason()
    if reason:
        if IN_CI:
            pytest.fail(f"Browser tests must run in CI: {reason}")
        pytest.skip(f"SKIPPED browser suite: {reason}")
    # Playwright's sync API runs an event loop in this thread; Django's async-safety check would then refuse
    # the live server's database access from the test thread.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield instance
        instance.close()


VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 740}}


@pytest.fixture(params=list(VIEWPORTS))
def viewport_name(request) -> str:
    return request.param


@pytest.fixture
def page(browser, live_server, viewport_name):
    """A fresh browser context per test, failing the test on any request that leaves the live server."""
    context = browser.new_context(
        viewport=VIEWPORTS[viewport_name], locale="nb-NO", timezone_id="Europe/Oslo"
    )
    outside: list[str] = []

    def guard(route):
        url = route.request.url
        if url.startswith(live_server.url) or url.startswith("data:") or url.startswith("about:"):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", guard)
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    pg.viewport_name = viewport_name  # type: ignore[attr-defined]
    yield pg
    context.close()
    assert outside == [], f"the page made third-party requests: {outside}"


def screenshot(page, name: str) -> None:
    OUTPUT_DIR.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT_DIR / f"{name}-{page.viewport_name}.png"), full_page=True)


def assert_accessible(page) -> None:
    """axe-core (bundled in axe-playwright-python, offline) finds no WCAG 2.1 A/AA violation."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}},
    )
    violations = results.response["violations"]
    details = [f"{v['id']}: {v['help']} — {[n['target'] for n in v['nodes']][:3]}" for v in violations]
    assert violations == [], f"axe violations on {page.url}:\n" + "\n".join(details)
