"""The Nu HTML checker (vnu) finds no error on any page a visitor or a staff member can open.

With the demo data loaded, this renders every public page without URL parameters in Norwegian and English,
every article and therapist page, the self-tests with results, the match form's steps with and without
errors, the whole booking flow (picker, details with and without errors, review, confirmation, manage, move),
the course pages, every staff page as each role allowed to see it (the URL walk of
test_url_classification), and the admin site's pages for every registered model. The checker then runs once
over all of them (`--errors-only`); three errors in Django's own admin widgets are listed and ignored.

Needs Java and the `vnu-jar` npm package: `make vnu` installs it into var/vnu, .ci/run does so in CI. Outside CI
the test is skipped with a message when either is missing; in CI it fails.
"""

import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse as django_reverse
from django.utils import timezone, translation

from forlop.accounts.models import User
from forlop.accounts.testing import login_verified
from forlop.audit.access import OWN, PERSONAL, PUBLIC, STAFF
from forlop.conftest import IN_CI, OUTPUT_DIR

from .test_url_classification import Route, routes

pytestmark = [pytest.mark.htmlcheck, pytest.mark.django_db]

VNU_JAR_DEFAULT = (
    Path(settings.BASE_DIR) / "var" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)
# Errors in markup that Django or django-otp write themselves on admin pages, each with where it comes from.
# Only ignored on /admin/ pages. Keep this small; remove an entry when the upstream markup is fixed.
UPSTREAM_ADMIN_ERRORS = {
    "Attribute “disabled” not allowed on element “div”": "Django's ReadOnlyPasswordHashWidget (user change page)",
    "An “input” element with a “type” attribute whose value is “hidden” must not have any “aria-*” attributes": (
        "Django's show_hidden_initial input gets the help text's aria-describedby (django-otp's TOTP key field)"
    ),
    "Element “option” without attribute “label” must not be empty": "Django's AutocompleteSelect empty choice",
}
ROLE_USERS = {
    "admin": "admin@forlop.test",
    "coordinator": "koordinator@forlop.test",
    "therapist": "terapeut@forlop.test",
    "doctor": "lege@forlop.test",
}


def vnu_command() -> list[str]:
    java = shutil.which("java")
    jar = Path(os.environ.get("VNU_JAR", VNU_JAR_DEFAULT))
    missing = []
    if java is None:
        missing.append("java (apt-get install openjdk-17-jre-headless)")
    if not jar.is_file():
        missing.append(f"{jar} (make vnu, or npm install --prefix var/vnu vnu-jar)")
    if missing:
        reason = "the Nu HTML checker cannot run: missing " + " and ".join(missing)
        if IN_CI:
            pytest.fail(f"The HTML check must run in CI: {reason}")
        pytest.skip(f"SKIPPED HTML check: {reason}")
    assert java is not None
    return [
        java,
        "-Xss4m",
        "-jar",
        str(jar),
        "--errors-only",
        "--format",
        "json",
        "--exit-zero-always",
        "--stdout",
    ]


# --- Collecting pages ----------------------------------------------------------------------------------------


class Pages:
    """Rendered HTML pages by a readable name."""

    def __init__(self) -> None:
        self.pages: dict[str, str] = {}

    def add(self, name: str, response) -> None:
        if not response.get("Content-Type", "").startswith("text/html") or not response.content:
            return  # JSON, feeds, redirects and bare 405s
        assert response.status_code < 500, (name, response.status_code)
        self.pages[name] = response.content.decode()

    def get(self, client: Client, url: str, name: str = "") -> None:
        self.add(name or url, client.get(url))


def reverse(name: str, lang: str = "nb", **kwargs) -> str:
    """The address in `lang` whatever language the last request left active in this thread."""
    with translation.override(lang):
        return django_reverse(name, kwargs=kwargs.get("kwargs"))


def _parameters(route: Route) -> bool:
    return bool(getattr(route.pattern.pattern, "converters", {})) or "(?P<" in route.route


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_")[:120] or "root"


def public_pages(pages: Pages) -> None:
    from forlop.content.models import Article
    from forlop.course.models import Enrollment
    from forlop.therapists.models import Therapist

    plain = [r for r in routes() if r.access_class == PUBLIC and r.name and not _parameters(r)]
    articles = list(Article.objects.published().values_list("slug", flat=True))
    therapists = list(Therapist.objects.published().values_list("slug", flat=True))
    for lang in ["nb", "en"]:
        prefix = "/en" if lang == "en" else ""
        client = Client()
        for route in plain:
            url = reverse(route.name, lang)
            if route.name in {"accounts:logout", "matching:cancel"}:
                continue
            pages.get(client, url)
        for slug in articles:
            pages.get(client, reverse("content:detail", lang, kwargs={"slug": slug}))
        for slug in therapists:
            pages.get(client, reverse("therapists:detail", lang, kwargs={"slug": slug}))
        for query in ["avrusning", "detox", "avrusing", "qqqqxyz"]:  # found, synonym, typo, nothing
            pages.get(client, reverse("content:list", lang) + f"?q={query}", f"{prefix}/search-{query}")
        pages.get(client, prefix + "/finnes-ikke/", f"{prefix}/404")
        pages.get(client, reverse("booking:start", lang, kwargs={"slug": therapists[0]}))
        # Self-tests with a result, and with nothing answered.
        for name in ["selftest:audit", "selftest:dudit"]:
            url = reverse(name, lang)
            html = client.get(url).content.decode()
            answers = {field: "0" for field in set(re.findall(r'name="(q\d+)"', html))}
            pages.add(f"{url}result", client.post(url, answers))
            pages.add(f"{url}empty", client.post(url, {}))
        # Contact form and course sign-up with errors.
        pages.add(f"{prefix}/contact-errors", client.post(reverse("contact:form", lang), {"name": "Kari"}))
        pages.add(f"{prefix}/course-errors", client.post(reverse("course:signup", lang), {"email": "x"}))
        email = f"kurs-{lang}@example.no"
        signup = {"email": email, "first_name": "Kari", "audience": "self", "consent": "on"}
        client.post(reverse("course:signup", lang), signup)
        token = Enrollment.objects.get(email=email).token
        for name in ["course:confirm", "course:unsubscribe"]:
            pages.get(client, reverse(name, lang, kwargs={"token": token}))


def match_form_pages(pages: Pages) -> None:
    from forlop.matching.tests.conftest import STEP_DATA, step_path

    for lang in ["nb", "en"]:
        prefix = "/en" if lang == "en" else ""
        client = Client()
        for number in range(1, 6):
            url = prefix + step_path(number)
            pages.get(client, url, f"{url}blank")
            pages.add(f"{url}errors", client.post(url, {"action": "next"}))
            response = client.post(url, {**STEP_DATA[number], "action": "next"})
            assert response.status_code == 302, (url, response.content.decode()[:2000])
        summary = reverse("matching:summary", lang)
        pages.get(client, summary)
        pages.get(client, reverse("matching:cancel", lang), f"{prefix}/match-cancel")
        response = client.post(summary, {"action": "send"})
        if response.status_code == 302:
            pages.get(client, response["Location"], f"{prefix}/match-thanks")
        else:
            pages.add(f"{prefix}/match-summary-post", response)


def booking_pages(pages: Pages) -> None:
    """A first talk booked through every page of the flow, then its manage and move pages."""
    from forlop.booking import tokens
    from forlop.booking.models import Booking
    from forlop.therapists.models import Therapist

    therapist = Therapist.objects.published().filter(user__email=ROLE_USERS["therapist"]).first()
    therapist = therapist or Therapist.objects.published().first()
    client = Client()
    start = reverse("booking:start", kwargs={"slug": therapist.slug})
    html = client.get(start + "?type=forstesamtale").content.decode()
    pages.pages["booking-type"] = html
    starts: list[str] = []
    today = timezone.localdate()
    for offset in range(1, 15):
        day = (today + timedelta(days=offset)).isoformat()
        day_html = client.get(f"{start}?type=forstesamtale&dag={day}").content.decode()
        starts = re.findall(r'name="start"[^>]* value="([^"]+)"', day_html)
        if starts:
            pages.pages["booking-day"] = day_html
            break
    assert starts, "the demo therapist has no free first talk to book"
    response = client.post(start, {"type": "forstesamtale", "start": starts[0]})
    assert response.status_code == 302, response.content.decode()[:2000]
    details = response["Location"]
    pages.get(client, details, "booking-details")
    pages.add("booking-details-errors", client.post(details, {"name": "Nora", "email": "x", "phone": "1"}))
    response = client.post(
        details, {"name": "Nora Nordmann", "email": "nora@example.no", "phone": "", "consent": "on"}
    )
    assert response.status_code == 302
    review = response["Location"]
    pages.get(client, review, "booking-review")
    done = client.post(review)["Location"]
    pages.get(client, done, "booking-done")
    token = tokens.manage_token(Booking.objects.order_by("-pk").first())
    pages.get(client, reverse("booking:manage", kwargs={"token": token}), "booking-manage")
    pages.get(client, reverse("booking:move", kwargs={"token": token}), "booking-move")


def _objects_for(route: Route) -> Iterator[dict]:
    """Real keyword arguments for a gated route with parameters (nothing when no such object exists)."""
    from forlop.booking.models import Booking
    from forlop.contact.models import ContactEnquiry
    from forlop.content.models import Article
    from forlop.matching.models import MatchRequest

    converters = getattr(route.pattern.pattern, "converters", {})
    if not _parameters(route):
        yield {}
        return
    if "course_pk" in converters:
        yield from _course_objects(route)
        return
    if set(converters) != {"pk"}:
        return
    model = {
        "contact_staff": ContactEnquiry,
        "matching": MatchRequest,
        "booking": Booking,
        "content:staff": Article,
    }.get(route.name.rsplit(":", 1)[0])
    if model is None:
        return
    obj = model.objects.order_by("-pk").first()
    if obj is not None:
        yield {"pk": obj.pk}


INSTRUMENTS = {"care_withdrawal": ["ciwa_ar", "cows", "pawss"], "care_measures": ["phq9", "gad7", "audit"]}


def _course_objects(route: Route) -> Iterator[dict]:
    """Keyword arguments for a page inside a course: each demo course, and in it the first object of each kind
    the URL names (a taper plan version, a journal note, a scale entry, an instrument). A URL naming a kind the
    demo does not have is left out."""
    from forlop.care.journal.models import JournalNote
    from forlop.care.models import Course
    from forlop.care.tapering.models import PlanVersion
    from forlop.care.withdrawal.models import ScaleEntry

    converters = set(getattr(route.pattern.pattern, "converters", {}))
    namespace = route.name.split(":")[0]
    for course in Course.objects.order_by("pk"):
        kwargs: dict = {"course_pk": course.pk}
        version = PlanVersion.objects.filter(plan__course=course).order_by("-pk").first()
        known = {
            "plan_pk": version.plan_id if version else None,
            "number": version.number if version else None,
            "note_pk": JournalNote.objects.filter(course=course).values_list("pk", flat=True).first(),
            "entry_pk": ScaleEntry.objects.filter(course=course).values_list("pk", flat=True).first(),
        }
        for name in converters - {"course_pk", "instrument"}:
            if known.get(name) is None:
                break
            kwargs[name] = known[name]
        else:
            if "instrument" in converters:
                for instrument in INSTRUMENTS.get(namespace, []):
                    yield {**kwargs, "instrument": instrument}
            else:
                yield kwargs


def own_pages(pages: Pages) -> None:
    """Min side as the demo client (Kim, in the demo alcohol course): every own-data page without parameters,
    and his taper plan's pages."""
    from forlop.care.tapering.models import TaperPlan

    user = User.objects.get(email="klient@forlop.test")
    client = login_verified(Client(), user)
    for route in routes():
        if route.access_class != OWN or not route.name:
            continue
        converters = set(getattr(route.pattern.pattern, "converters", {}))
        if not converters:
            pages.get(client, reverse(route.name), f"{reverse(route.name)}as-client")
        elif converters == {"plan_pk"}:
            for plan in TaperPlan.objects.filter(course__person__user=user):
                url = reverse(route.name, kwargs={"plan_pk": plan.pk})
                pages.get(client, url, f"{url}as-client")


def staff_pages(pages: Pages) -> None:
    users = {role: User.objects.get(email=email) for role, email in ROLE_USERS.items()}
    clients = {role: login_verified(Client(), user) for role, user in users.items()}
    for route in routes():
        if route.access_class not in (STAFF, PERSONAL) or not route.name:
            continue
        for role in sorted(str(r) for r in route.callback.allowed_roles):
            for kwargs in _objects_for(route):
                url = reverse(route.name, kwargs=kwargs)
                response = clients[role].get(url)
                if response.status_code == 200:
                    pages.add(f"{url}as-{role}", response)
    for role, client in clients.items():
        pages.get(client, reverse("accounts:security"), f"security-as-{role}")
    admin_pages(pages, clients["admin"])


def admin_pages(pages: Pages, client: Client) -> None:
    """The admin site: its index, and every registered model's list, add and first change page."""
    from django.contrib import admin

    pages.get(client, reverse("admin:index"))
    for model in admin.site._registry:
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        pages.get(client, reverse(f"{name}_changelist"))
        pages.get(client, reverse(f"{name}_add"))
        obj = model._default_manager.order_by("pk").first()
        if obj is not None:
            pages.get(client, reverse(f"{name}_change", kwargs={"object_id": obj.pk}))


def contact_enquiry() -> None:
    """An enquiry through the public form, so the staff's enquiry pages have one to show."""
    from forlop.contact.models import ContactEnquiry

    Client().post(
        reverse("contact:form"),
        {
            "name": "Kari",
            "message": "Jeg lurer på hvordan en førstesamtale foregår.",
            "preferred_contact": "email",
            "email": "kari@example.no",
            "urgent": "no",
            "consent": "on",
        },
    )
    assert ContactEnquiry.objects.exists(), "the contact form's fields changed: update contact_enquiry()"


def render_every_page() -> dict[str, str]:
    call_command("load_demo", stdout=StringIO())
    pages = Pages()
    public_pages(pages)
    match_form_pages(pages)
    booking_pages(pages)
    contact_enquiry()
    staff_pages(pages)
    own_pages(pages)
    return pages.pages


def test_the_nu_html_checker_finds_no_error_on_any_page(tmp_path):
    command = vnu_command()
    pages = render_every_page()
    assert len(pages) >= 60, sorted(pages)
    files = {}
    for name, html in pages.items():
        path = tmp_path / f"{_slug(name)}.html"
        path.write_text(html, encoding="utf-8")
        files[path.name] = name
    result = subprocess.run(
        [*command, *sorted(str(tmp_path / filename) for filename in files)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.stdout.strip(), f"the checker gave no report: {result.stderr[-2000:]}"
    messages = json.loads(result.stdout)["messages"]
    errors = [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]
    lines = []
    for m in errors:
        name = files.get(m.get("url", "").rsplit("/", 1)[-1], m.get("url", ""))
        if name.startswith("/admin/") and any(
            known in m.get("message", "") for known in UPSTREAM_ADMIN_ERRORS
        ):
            continue
        extract = " ".join(m.get("extract", "").split())[:120]
        lines.append(f"{name}:{m.get('lastLine', '?')}: {m.get('message')} [{extract}]")
    if lines:
        OUTPUT_DIR.mkdir(exist_ok=True)
        (OUTPUT_DIR / "vnu-errors.txt").write_text("\n".join(lines), encoding="utf-8")
    assert lines == [], f"{len(lines)} HTML errors on {len(pages)} pages:\n" + "\n".join(lines[:80])
