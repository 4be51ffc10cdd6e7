"""The authorization matrix of the treatment course: every care URL × every kind of visitor.

Nora's course (tests/conftest.py) has Tor as responsible therapist, Lise as doctor and Kari as coordinator.
Every route whose namespace is `care` or starts with `care_` is built from the URL conf (as
forlop/audit/tests/test_authorization_matrix.py does for the rest of the site), its kwargs filled from
`OBJECTS` (made through the apps' own services in `care_objects`), and opened (GET) by each persona. Only
the personas in `ALLOWED` may see Nora's data there, and each of them must get a 200 and a log row with Nora
as the person. Everyone else is refused (403, a redirect to the login, 404 or 405) and sees neither her name
nor her data.

The emergency variant: staff outside the team who declared an emergency access (akuttilgang) may read every
page inside the course that the team may read (`emergency_reads`), and every row those reads write says
"Akuttilgang"; they may never change anything, whatever they POST.

A new care URL fails `test_the_matrix_covers_every_care_url` until it is added to `ALLOWED`; a new URL kwarg
fails with its name until `OBJECTS` (and `care_objects`) can fill it.
"""

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.urls import reverse

from forlop.audit.models import AccessLog, Action, ActorKind
from forlop.booking.tests.conftest import NOW
from forlop.care import services
from forlop.conftest import make_user
from forlop.core.tests.test_url_classification import Route, routes

from .conftest import NAME, PERSONAS, World

TEAM = {"team_therapist", "team_doctor", "coordinator"}
CLINICAL_TEAM = {"team_therapist", "team_doctor"}  # Data.TREATMENT, Act.CHANGE
OUTSIDERS = {"anonymous", "the_person", "another_client", "other_therapist", "other_doctor", "admin"}
NONE: set[str] = set()

# Who may see Nora's data on a GET of each URL. POST-only URLs show nothing on a GET, to anyone.
ALLOWED: dict[str, set[str]] = {
    # The core: start (from her request, assigned to Tor), the overview, phase and team, emergency access.
    "care:start": {"team_therapist", "coordinator", "admin"},
    "care:course": TEAM,
    "care:phase": NONE,
    "care:team": NONE,
    "care:emergency": NONE,  # the form names no person
    "care:emergency_review": {"admin"},
    "care:emergency_reviewed": NONE,
    # Kartlegging.
    "care_assessment:assessment": TEAM,
    "care_assessment:save": NONE,
    "care_assessment:decide": NONE,
    # Withdrawal scales: the series is read by the team; entering a score is clinical.
    "care_withdrawal:series": TEAM,
    "care_withdrawal:new": CLINICAL_TEAM,
    "care_withdrawal:mark_error": CLINICAL_TEAM,
    # Taper plans: read by the team, edited clinically, approved only by the doctor on the team.
    "care_tapering:plans": TEAM,
    "care_tapering:create": NONE,
    "care_tapering:version": TEAM,
    "care_tapering:new_version": NONE,
    "care_tapering:edit": CLINICAL_TEAM,
    "care_tapering:approve": {"team_doctor"},
    "care_tapering:mine": {"the_person"},
    "care_tapering:mine_plan": {"the_person"},
    "care_tapering:mine_print": {"the_person"},
    # Treatment plan.
    "care_plan:plan": TEAM,
    "care_plan:edit": NONE,
    "care_plan:evaluate": NONE,
    "care_plan:mine": {"the_person"},
    # Journal: the notes are read by the team; a draft is changed only by its author (Tor), a signed note
    # amended or withheld by the clinicians on the team.
    "care_journal:notes": TEAM,
    "care_journal:edit": {"team_therapist"},
    "care_journal:sign": NONE,
    "care_journal:amend": CLINICAL_TEAM,
    "care_journal:withhold": CLINICAL_TEAM,
    "care_journal:lift": NONE,
    "care_journal:mine": {"the_person"},
    # Relapse-prevention plan: read by the team, written by the clinicians; the person's own page.
    "care_relapse:staff": TEAM,
    "care_relapse:staff_save": NONE,
    "care_relapse:mine": {"the_person"},
    "care_relapse:mine_save": NONE,
    # Messages: the whole team reads and writes; the inbox lists the threads of one's own courses.
    "care_messaging:staff": TEAM,
    "care_messaging:staff_thread": TEAM,
    "care_messaging:inbox": TEAM,
    "care_messaging:mine": {"the_person"},
    "care_messaging:mine_new": {"the_person"},
    "care_messaging:mine_thread": {"the_person"},
    # Outcome measures: the team reads them, the clinicians enter paper forms; the person fills in their own.
    "care_measures:staff": TEAM,
    "care_measures:staff_new": CLINICAL_TEAM,
    "care_measures:mine": {"the_person"},
    "care_measures:fill": {"the_person"},
    "care_measures:answer": {"the_person"},
    # Daily check-in: the person writes it in Min side; the team reads it.
    "care_checkin:mine": {"the_person"},
    "care_checkin:mine_yesterday": {"the_person"},
    "care_checkin:saved": {"the_person"},
    "care_checkin:progress": {"the_person"},
    "care_checkin:staff": TEAM,
    "care_checkin:mark_seen": NONE,
    # Modules: assigned by the team's clinicians, written by the person, her shared answers read by the team.
    "care_modules:staff": TEAM,
    "care_modules:schedule": NONE,
    "care_modules:comment": NONE,
    "care_modules:seen": NONE,
    "care_modules:mine": {"the_person"},
    "care_modules:craving_exercise": {"the_person"},
    "care_modules:mine_module": {"the_person"},
    "care_modules:mine_done": NONE,
}


def care_routes() -> list[Route]:
    return [r for r in routes() if r.name.split(":")[0] == "care" or r.name.startswith("care_")]


def kwarg_names(route: Route) -> list[str]:
    return list(getattr(route.pattern.pattern, "converters", {}))


def emergency_reads(route: Route) -> bool:
    """A page inside the course that the whole team reads (not a change form): an emergency access reads it."""
    return "course_pk" in kwarg_names(route) and TEAM <= ALLOWED[route.name]


# --- the objects a URL needs ---

# Where each URL kwarg comes from, most specific first: "route:kwarg", "namespace:kwarg", "kwarg". The values
# are keys of `care_objects`, or callables (world, objects) -> value.
OBJECTS: dict[str, str | Callable[[World, dict[str, Any]], Any]] = {
    "course_pk": lambda world, _objects: world.course.pk,
    "care:pk": "emergency_access",
    "care_withdrawal:instrument": lambda _world, _objects: "ciwa_ar",
    "care_withdrawal:entry_pk": "scale_entry",
    "care_tapering:plan_pk": "taper_plan",
    "care_tapering:number": "taper_draft_number",  # version, edit and approve: the open draft (v2)
    "care_journal:note_pk": "signed_note",
    "care_journal:edit:note_pk": "draft_note",  # only a draft is edited
    "care_messaging:thread_pk": "message_thread",
    "care_measures:instrument": lambda _world, _objects: "gad7",
    "care_measures:pk": "measurement",
    "care_checkin:day": "checkin_day",
    "care_modules:answer_pk": "module_answer",
    "care_modules:slug": lambda _world, _objects: "suget",
}


@pytest.fixture
def care_objects(world: World) -> dict[str, Any]:
    """Nora's course filled in through the apps' services, as the team would have done."""
    from forlop.care.journal import services as journal
    from forlop.care.plan import services as plan
    from forlop.care.tapering import services as tapering
    from forlop.care.tapering.models import Kind
    from forlop.care.tapering.tests.conftest import BENZO_INPUTS, code_now
    from forlop.care.withdrawal import services as withdrawal

    users, course = world.users, world.course
    tor, lise = users["team_therapist"], users["team_doctor"]
    objects: dict[str, Any] = {}
    # Someone on call opened the course in an emergency: it waits on the admin's review list.
    on_call = make_user("vakt@example.no", is_therapist=True)
    objects["emergency_access"] = services.declare_emergency_access(
        course=course, by=on_call, reason="Innlagt akutt i natt, trenger legemiddellisten.", now=NOW
    ).pk
    objects["scale_entry"] = withdrawal.record_entry(
        course=course, by=tor, instrument="ciwa_ar", answers=[1] * 10, taken_at=NOW, now=NOW
    ).pk
    plan.create_plan(course=course, by=tor, goals=["Slutte å drikke i ukedagene"], now=NOW)
    draft = tapering.propose(by=lise, course=course, kind=Kind.BENZODIAZEPINE)
    draft = tapering.save_draft(by=lise, version=draft, inputs=BENZO_INPUTS)
    approved = tapering.approve(by=lise, version=draft, code=code_now(lise))
    second = tapering.new_version(by=lise, plan=approved.plan, reason="Pause en uke etter ferien")
    objects["taper_plan"] = approved.plan.pk
    objects["taper_draft_number"] = second.number
    signed = journal.write_note(
        course=course, by=tor, text="Første samtale. Drikker daglig.", consulted_on=date(2026, 3, 2)
    )
    journal.sign_note(note=signed, by=tor)
    objects["signed_note"] = signed.pk
    objects["draft_note"] = journal.write_note(
        course=course, by=tor, text="Utkast: oppfølging.", consulted_on=date(2026, 3, 2)
    ).pk
    from forlop.care.messaging import services as messaging

    objects["message_thread"] = messaging.start_thread(
        course=course, by=tor, subject="Neste time", body="Vi ses torsdag."
    ).thread_id
    from forlop.care.measures import services as measures

    objects["measurement"] = measures.record(
        course=course, by=tor, instrument="phq9", answers=[1] * 9, occasion="start", taken_at=NOW, now=NOW
    ).pk
    # Her check-in today, and a module she shared an answer in.
    from forlop.care.checkin import services as checkin
    from forlop.care.checkin.tests.conftest import answers as calm_day
    from forlop.care.modules import services as modules
    from forlop.care.modules.models import Answer

    nora = world.nora.user
    checkin.save_checkin(by=nora, course=course, day=NOW.date(), answers=calm_day(), now=NOW)
    objects["checkin_day"] = NOW.date().isoformat()
    modules.set_schedule(course=course, by=tor, schedule={"suget": NOW.date()}, now=NOW)
    assignment = modules.assignment_for(course, "suget")
    modules.save_answers(
        assignment=assignment, by=nora, answers={"siste-bolge": "Etter jobb i går."}, share=True, now=NOW
    )
    objects["module_answer"] = Answer.objects.get(assignment=assignment).pk
    return objects


def kwargs_for(route: Route, world: World, objects: dict[str, Any]) -> dict[str, Any]:
    namespace = route.name.split(":")[0]
    found: dict[str, Any] = {}
    for name in kwarg_names(route):
        for key in (f"{route.name}:{name}", f"{namespace}:{name}", name):
            if key in OBJECTS:
                source = OBJECTS[key]
                found[name] = source(world, objects) if callable(source) else objects[source]
                break
        else:
            raise AssertionError(f"{route.name}: add where its {name!r} comes from to OBJECTS")
    return found


# URLs that need a query string; the matrix opens each one (with the same ALLOWED), the first everywhere else.
QUERIES: dict[str, Callable[[World], list[str]]] = {
    # From her match request (assigned to Tor) and from her first talk (booked with Tor).
    "care:start": lambda world: [f"?foresporsel={world.match_request.pk}", f"?time={world.booking.pk}"],
}


def urls_for(route: Route, world: World, objects: dict[str, Any]) -> list[str]:
    url = reverse(route.name, kwargs=kwargs_for(route, world, objects))
    return [url + query for query in QUERIES[route.name](world)] if route.name in QUERIES else [url]


def url_for(route: Route, world: World, objects: dict[str, Any]) -> str:
    return urls_for(route, world, objects)[0]


def newest_log_pk() -> int:
    return AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


# --- the tests ---


def test_the_matrix_covers_every_care_url():
    assert {r.name for r in care_routes()} == set(ALLOWED)


def test_every_tab_of_a_course_is_a_page_the_whole_team_reads():
    from forlop.care.sections import SECTIONS

    installed = {r.name for r in care_routes()}
    tabs = [s.url_name for s in SECTIONS if s.url_name in installed]
    assert [name for name in tabs if not TEAM <= ALLOWED[name]] == []


def test_every_persona_is_in_the_matrix():
    assert set(PERSONAS) == TEAM | OUTSIDERS
    assert all(allowed <= set(PERSONAS) for allowed in ALLOWED.values())


def check_route(route: Route, url: str, persona: str, world: World, wrong: list[str]) -> None:
    client = world.client_for(persona)
    before = newest_log_pk()
    response = client.get(url)
    if (
        persona in ALLOWED[route.name]
        and response.status_code == 302
        and "logg-inn" not in response["Location"]
    ):
        response = client.get(response["Location"])  # Min side's one plan: straight to it
    rows = AccessLog.objects.filter(pk__gt=before)
    about_nora = rows.filter(person=world.nora)
    status = response.status_code
    body = response.content.decode(errors="replace") if status == 200 else ""
    saw = status == 200 and about_nora.exists()
    where = f"{url} ({route.name}): {persona} got {status}"
    if persona in ALLOWED[route.name]:
        if not saw:
            wrong.append(f"{where}, logged about Nora: {about_nora.exists()} (should see her data)")
        kind = ActorKind.SELF if persona == "the_person" else ActorKind.STAFF
        if {r.actor_kind for r in about_nora} - {kind}:
            wrong.append(f"{where}: the read is not logged as {kind}")
        if rows.filter(person__isnull=True, subject_label__icontains="Nora").exists():
            wrong.append(f"{where}: a row about Nora without the person")
        return
    if saw:
        wrong.append(f"{where} and saw Nora's data")
    if NAME in body:
        wrong.append(f"{where} and was shown Nora's name")
    if status == 200 and persona in ("anonymous", "another_client") and route.access_class != "own":
        wrong.append(f"{where}: a staff page")
    if persona in OUTSIDERS:
        location = response.get("Location", "")
        refused = status in (403, 404, 405) or (status == 302 and "logg-inn" in location)
        # A page that names no one (the emergency form) may open for staff; an own-data page for clients.
        harmless = status == 200 and not about_nora.exists() and NAME not in body
        if not (refused or harmless):
            wrong.append(f"{where} (to {location or '-'}): not refused")


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_allowed_see_nora_s_course_and_every_sight_is_logged_with_her(world, care_objects, persona):
    wrong: list[str] = []
    for route in care_routes():
        for url in urls_for(route, world, care_objects):
            check_route(route, url, persona, world, wrong)
    assert wrong == []


@pytest.mark.parametrize("persona", ["other_therapist", "other_doctor", "admin"])
def test_an_emergency_access_reads_the_course_pages_logged_as_such(world, care_objects, persona):
    reason = "Legevakten ringer: personen er innlagt med kramper."
    services.declare_emergency_access(course=world.course, by=world.users[persona], reason=reason)
    client = world.client_for(persona)
    wrong: list[str] = []
    for route in care_routes():
        if "course_pk" not in kwarg_names(route):
            continue
        before = newest_log_pk()
        response = client.get(url_for(route, world, care_objects))
        rows = AccessLog.objects.filter(pk__gt=before)
        where = f"{route.name}: {persona} with akuttilgang got {response.status_code}"
        if emergency_reads(route):
            if response.status_code != 200 or not rows.filter(person=world.nora).exists():
                wrong.append(f"{where} (should read, logged)")
            if rows.exclude(person=world.nora).exists():
                wrong.append(f"{where}: a row not about Nora")
            if not all(row.why.startswith(f"Akuttilgang: {reason}") for row in rows):
                wrong.append(f"{where}: a row that does not say Akuttilgang")
            if "Du leser dette forløpet med akuttilgang." not in response.content.decode():
                wrong.append(f"{where}: no emergency banner")
        elif response.status_code == 200 and rows.filter(person=world.nora).exists():
            wrong.append(f"{where} and read a page only the team's clinicians open")
    assert wrong == []


@pytest.mark.parametrize(
    ("persona", "with_emergency"),
    [
        ("other_therapist", True),
        ("other_doctor", True),
        ("admin", True),
        ("other_therapist", False),
        ("the_person", False),
        ("another_client", False),
        ("anonymous", False),
    ],
)
def test_no_one_outside_the_team_changes_anything_not_even_with_an_emergency_access(
    world, care_objects, persona, with_emergency
):
    if with_emergency:
        services.declare_emergency_access(
            course=world.course,
            by=world.users[persona],
            reason="Legevakten ringer: personen er innlagt med kramper.",
        )
    client = world.client_for(persona)
    user_pk = str(world.users[persona].pk) if persona != "anonymous" else "1"
    form = {
        "to": "behandling",
        "seen": "kartlegging",
        "role": "doctor",
        "user": user_pk,
        "text": "Skrevet utenfra",
        "consulted_on": "2026-03-02",
        "reason": "Endret utenfra, uten å være på teamet",
        "note": "Endret",
        "goals": "Noe annet",
        "kind": "benzodiazepine",
        "code": "123456",
    }
    wrong: list[str] = []
    for route in care_routes():
        # The emergency form itself is the one POST an outsider may make: it declares, it changes no course.
        if "course_pk" not in kwarg_names(route) or route.name == "care:emergency":
            continue
        before = newest_log_pk()
        response = client.post(url_for(route, world, care_objects), form)
        changes = AccessLog.objects.filter(pk__gt=before).exclude(action=Action.VIEW)
        refused = response.status_code in (403, 405) or (
            response.status_code == 302 and "logg-inn" in response["Location"]
        )
        if not refused:
            wrong.append(f"{route.name}: {persona}'s POST got {response.status_code}")
        if changes.exists():
            wrong.append(
                f"{route.name}: {persona}'s POST changed {list(changes.values_list('why', flat=True))}"
            )
    assert wrong == []


def test_an_expired_emergency_access_reads_nothing(world, care_objects, time_machine):
    services.declare_emergency_access(
        course=world.course, by=world.users["other_therapist"], reason="Legevakten ringer om kramper i natt."
    )
    time_machine.move_to(NOW + timedelta(minutes=services.emergency_minutes()), tick=False)
    client = world.client_for("other_therapist")
    opened = [
        route.name
        for route in care_routes()
        if emergency_reads(route) and client.get(url_for(route, world, care_objects)).status_code != 403
    ]
    assert opened == []
