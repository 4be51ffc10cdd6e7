"""The course services: starting a course with its team, moving it through its phases, changing the team, and
emergency access (declared with a reason, time-limited, reviewed by the admin). Every change is logged with
the person it is about."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from forlop.audit.models import AccessLog, Action
from forlop.booking.tests.conftest import NOW
from forlop.care import phases, services
from forlop.care.models import Course, EmergencyAccess, Phase, PhaseChange, TeamMember, TeamRole
from forlop.care.services import CourseError
from forlop.conftest import make_user

ALL_PHASES = [p.value for p in Phase]


def changes_about(person, **filters):
    return AccessLog.objects.filter(person=person, action__in=[Action.CREATE, Action.CHANGE], **filters)


# --- start_course ---


def test_it_starts_a_course_in_kartlegging_with_its_team_history_and_a_logged_start(people):
    users = people.users
    course = services.start_course(
        by=users["coordinator"],
        person=people.nora,
        therapist=users["team_therapist"],
        doctor=users["team_doctor"],
        coordinator=users["coordinator"],
        substances=["alkohol"],
        carried_over={"answers": {"amount": "some"}},
        match_request=people.match_request,
        now=NOW,
    )
    assert course.phase == Phase.KARTLEGGING
    assert course.started_at == NOW and course.started_by == users["coordinator"]
    assert course.carried_over == {"answers": {"amount": "some"}}
    assert {(m.role, m.user_id) for m in course.team.all()} == {
        (TeamRole.THERAPIST, users["team_therapist"].pk),
        (TeamRole.DOCTOR, users["team_doctor"].pk),
        (TeamRole.COORDINATOR, users["coordinator"].pk),
    }
    [first] = course.phase_changes.all()
    assert (first.from_phase, first.to_phase, first.by) == ("", Phase.KARTLEGGING, users["coordinator"])
    [row] = changes_about(people.nora)
    assert row.action == Action.CREATE and row.user == users["coordinator"]
    assert row.why == "Startet behandlingsforløp"


def test_a_therapist_may_start_a_course_with_themself_as_responsible(people):
    tor = people.users["team_therapist"]
    course = services.start_course(by=tor, person=people.nora, therapist=tor, substances=["alkohol"])
    assert course.member(TeamRole.THERAPIST).user == tor


@pytest.mark.parametrize("persona", ["the_person", "another_client", "admin_without_staff"])
def test_it_refuses_anyone_who_is_not_clinical_or_coordinating_staff(people, persona):
    by = make_user("bare.konto@example.no") if persona == "admin_without_staff" else people.users[persona]
    with pytest.raises(PermissionDenied):
        services.start_course(
            by=by, person=people.nora, therapist=people.users["team_therapist"], substances=["alkohol"]
        )
    assert not Course.objects.exists()


def test_a_coordinator_cannot_be_the_responsible_therapist(people):
    kari = people.users["coordinator"]
    with pytest.raises(CourseError, match="Ansvarlig terapeut"):
        services.start_course(by=kari, person=people.nora, therapist=kari, substances=["alkohol"])
    assert not Course.objects.exists()  # the half-made course rolled back with the refusal


def test_a_therapist_who_is_not_a_doctor_cannot_be_the_team_doctor(people):
    users = people.users
    with pytest.raises(CourseError, match="Lege"):
        services.start_course(
            by=users["coordinator"],
            person=people.nora,
            therapist=users["team_therapist"],
            doctor=users["other_therapist"],
            substances=["alkohol"],
        )
    assert not Course.objects.exists() and not TeamMember.objects.exists()


def test_a_client_account_or_a_deactivated_one_cannot_join_a_team(people):
    users = people.users
    gone = make_user("sluttet@example.no", is_therapist=True)
    gone.is_active = False
    gone.save()
    for therapist in (users["the_person"], gone):
        with pytest.raises(CourseError):
            services.start_course(
                by=users["coordinator"], person=people.nora, therapist=therapist, substances=["alkohol"]
            )
    assert not Course.objects.exists()


def test_a_person_has_one_open_course_at_a_time_and_the_refusal_names_the_first(world):
    users = world.users
    with pytest.raises(CourseError, match=f"#{world.course.pk}"):
        services.start_course(
            by=users["coordinator"], person=world.nora, therapist=users["team_therapist"], substances=["ghb"]
        )
    assert Course.objects.filter(person=world.nora).count() == 1


def test_a_closed_course_does_not_stop_a_new_one(world):
    users = world.users
    services.change_phase(
        course=world.course, to=Phase.AVSLUTTET, by=users["team_therapist"], closing_summary="Ferdig."
    )
    second = services.start_course(
        by=users["coordinator"], person=world.nora, therapist=users["team_therapist"], substances=["alkohol"]
    )
    assert second.phase == Phase.KARTLEGGING
    assert Course.objects.filter(person=world.nora).count() == 2


def test_the_database_refuses_a_second_open_course_even_past_the_service(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Course.objects.create(person=world.nora, started_at=NOW, started_by=world.users["coordinator"])


# --- change_phase ---

TRANSITIONS = [(a, b) for a in ALL_PHASES for b in ALL_PHASES]


def test_the_phase_table_matches_the_course_s_rules():
    # Forward through the course, back from oppfølging or behandling when needed, closed from anywhere
    # open, and never out of avsluttet.
    assert {(a, b) for a, b in TRANSITIONS if phases.allowed(a, b)} == {
        ("kartlegging", "avrusning"),
        ("kartlegging", "behandling"),
        ("kartlegging", "avsluttet"),
        ("avrusning", "behandling"),
        ("avrusning", "avsluttet"),
        ("behandling", "avrusning"),
        ("behandling", "oppfolging"),
        ("behandling", "avsluttet"),
        ("oppfolging", "behandling"),
        ("oppfolging", "avrusning"),
        ("oppfolging", "avsluttet"),
    }


@pytest.mark.parametrize(("from_phase", "to_phase"), TRANSITIONS)
def test_change_phase_follows_the_table(world, from_phase, to_phase):
    course = world.course
    closed = {"closed_at": NOW, "closing_summary": "Ferdig."} if from_phase == Phase.AVSLUTTET else {}
    Course.objects.filter(pk=course.pk).update(phase=from_phase, **closed)
    course.refresh_from_db()
    tor = world.users["team_therapist"]
    summary = "Gikk bra; avtalt oppfølging hos fastlege." if to_phase == Phase.AVSLUTTET else ""
    before = PhaseChange.objects.count()
    if phases.allowed(from_phase, to_phase):
        change = services.change_phase(
            course=course, to=to_phase, by=tor, note="Avtalt", closing_summary=summary
        )
        assert (change.from_phase, change.to_phase, change.by, change.note) == (
            from_phase,
            to_phase,
            tor,
            "Avtalt",
        )
        course.refresh_from_db()
        assert course.phase == to_phase
    else:
        with pytest.raises(CourseError, match="kan ikke gå fra"):
            services.change_phase(course=course, to=to_phase, by=tor, closing_summary=summary)
        course.refresh_from_db()
        assert course.phase == from_phase
        assert PhaseChange.objects.count() == before


def test_closing_needs_a_summary_and_keeps_it_with_the_date(world, time_machine):
    tor = world.users["team_therapist"]
    for blank in ("", "   \n"):
        with pytest.raises(CourseError, match="avslutningsoppsummering"):
            services.change_phase(course=world.course, to=Phase.AVSLUTTET, by=tor, closing_summary=blank)
    world.course.refresh_from_db()
    assert world.course.is_open and world.course.closed_at is None
    later = NOW + timedelta(days=60)
    services.change_phase(
        course=world.course, to=Phase.AVSLUTTET, by=tor, closing_summary=" Rusfri i 8 uker. ", now=later
    )
    world.course.refresh_from_db()
    assert not world.course.is_open
    assert (world.course.closed_at, world.course.closing_summary) == (later, "Rusfri i 8 uker.")


def test_every_phase_change_is_dated_history_and_logged_with_the_person(world):
    tor = world.users["team_therapist"]
    for n, to in enumerate([Phase.AVRUSNING, Phase.BEHANDLING, Phase.OPPFOLGING], start=1):
        services.change_phase(course=world.course, to=to, by=tor, now=NOW + timedelta(days=n))
    history = [(c.from_phase, c.to_phase, c.at) for c in world.course.phase_changes.all()]
    assert history == [
        ("", "kartlegging", NOW),
        ("kartlegging", "avrusning", NOW + timedelta(days=1)),
        ("avrusning", "behandling", NOW + timedelta(days=2)),
        ("behandling", "oppfolging", NOW + timedelta(days=3)),
    ]
    whys = list(changes_about(world.nora, user=tor).order_by("pk").values_list("why", flat=True))
    assert whys == ["Endret fase til Avrusning", "Endret fase til Behandling", "Endret fase til Oppfølging"]


def test_the_phase_history_cannot_be_edited(world):
    first = world.course.phase_changes.get()
    first.note = "Skrevet om i ettertid"
    with pytest.raises(ValueError, match="ikke endres"):
        first.save()


def test_two_people_changing_the_phase_from_the_same_page_one_loses_cleanly(world):
    # Both loaded the course in kartlegging; the second save finds it moved on and is told so.
    tor, lise = world.users["team_therapist"], world.users["team_doctor"]
    seen_by_tor = Course.objects.get(pk=world.course.pk)
    seen_by_lise = Course.objects.get(pk=world.course.pk)
    services.change_phase(course=seen_by_tor, to=Phase.AVRUSNING, by=tor)
    with pytest.raises(CourseError, match="Noen andre endret fasen"):
        services.change_phase(course=seen_by_lise, to=Phase.BEHANDLING, by=lise)
    world.course.refresh_from_db()
    assert world.course.phase == Phase.AVRUSNING
    assert [c.to_phase for c in world.course.phase_changes.all()] == ["kartlegging", "avrusning"]
    assert not changes_about(world.nora, user=lise).exists()


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("team_therapist", True),
        ("team_doctor", True),
        ("coordinator", True),
        ("other_therapist", False),
        ("other_doctor", False),
        ("admin", False),
        ("the_person", False),
    ],
)
def test_only_the_team_may_change_the_phase(world, persona, allowed):
    by = world.users[persona]
    if allowed:
        services.change_phase(course=world.course, to=Phase.BEHANDLING, by=by)
        assert changes_about(world.nora, user=by).exists()
    else:
        with pytest.raises(PermissionDenied):
            services.change_phase(course=world.course, to=Phase.BEHANDLING, by=by)
        world.course.refresh_from_db()
        assert world.course.phase == Phase.KARTLEGGING


def test_an_emergency_access_never_lets_its_holder_change_the_phase(world):
    anne = world.users["other_therapist"]
    services.declare_emergency_access(
        course=world.course, by=anne, reason="Personen er innlagt akutt i natt."
    )
    with pytest.raises(PermissionDenied):
        services.change_phase(course=world.course, to=Phase.BEHANDLING, by=anne)


# --- set_team_member ---


def test_the_team_can_add_replace_and_remove_a_doctor_and_each_change_is_logged(world):
    kari, per = world.users["coordinator"], world.users["other_doctor"]
    course = world.course
    services.set_team_member(course=course, role=TeamRole.DOCTOR, user=per, by=kari)
    assert course.member(TeamRole.DOCTOR).user == per
    assert world.users["team_doctor"].pk not in Course.objects.get(pk=course.pk).team_user_ids()
    services.set_team_member(course=course, role=TeamRole.DOCTOR, user=None, by=kari)
    assert Course.objects.get(pk=course.pk).member(TeamRole.DOCTOR) is None
    assert changes_about(world.nora, user=kari, why="Endret teamet i forløpet").count() == 2


def test_the_responsible_therapist_can_be_replaced_but_not_removed(world):
    kari, anne = world.users["coordinator"], world.users["other_therapist"]
    with pytest.raises(CourseError, match="ansvarlig terapeut"):
        services.set_team_member(course=world.course, role=TeamRole.THERAPIST, user=None, by=kari)
    assert world.course.member(TeamRole.THERAPIST).user == world.users["team_therapist"]
    services.set_team_member(course=world.course, role=TeamRole.THERAPIST, user=anne, by=kari)
    assert Course.objects.get(pk=world.course.pk).member(TeamRole.THERAPIST).user == anne


def test_team_roles_are_checked_when_the_team_changes(world):
    kari = world.users["coordinator"]
    with pytest.raises(CourseError):
        services.set_team_member(course=world.course, role=TeamRole.THERAPIST, user=kari, by=kari)
    with pytest.raises(CourseError):
        services.set_team_member(
            course=world.course, role=TeamRole.DOCTOR, user=world.users["other_therapist"], by=kari
        )
    # A refused change leaves the team as it was (the removal rolled back with it).
    assert {m.role for m in Course.objects.get(pk=world.course.pk).team.all()} == {
        TeamRole.THERAPIST,
        TeamRole.DOCTOR,
        TeamRole.COORDINATOR,
    }


@pytest.mark.parametrize("persona", ["other_therapist", "other_doctor", "admin", "the_person"])
def test_nobody_outside_the_team_may_change_it(world, persona):
    with pytest.raises(PermissionDenied):
        services.set_team_member(
            course=world.course,
            role=TeamRole.DOCTOR,
            user=world.users["other_doctor"],
            by=world.users[persona],
        )
    assert Course.objects.get(pk=world.course.pk).member(TeamRole.DOCTOR).user == world.users["team_doctor"]


# --- emergency access ---

REASON = "Personen er innlagt akutt i natt og trenger legemiddellisten."


@pytest.mark.parametrize("reason", ["", "   ", "Akutt", " kort     "])
def test_an_emergency_access_needs_a_reason(world, reason):
    with pytest.raises(CourseError, match="hvorfor"):
        services.declare_emergency_access(
            course=world.course, by=world.users["other_therapist"], reason=reason
        )
    assert not EmergencyAccess.objects.exists()


def test_an_emergency_access_lasts_the_configured_minutes_and_is_logged_with_why(world, settings):
    settings.CARE_EMERGENCY_ACCESS_MINUTES = 30
    anne = world.users["other_therapist"]
    access = services.declare_emergency_access(course=world.course, by=anne, reason=f"  {REASON} ", now=NOW)
    assert access.reason == REASON
    assert (access.at, access.expires_at) == (NOW, NOW + timedelta(minutes=30))
    assert services.emergency_in_force(course=world.course, user=anne, now=NOW) == access
    almost = NOW + timedelta(minutes=29, seconds=59)
    assert services.emergency_in_force(course=world.course, user=anne, now=almost) == access
    assert (
        services.emergency_in_force(course=world.course, user=anne, now=NOW + timedelta(minutes=30)) is None
    )
    assert access.in_force(almost) and not access.in_force(NOW + timedelta(minutes=30))
    # Only Anne's, only for this course.
    assert services.emergency_in_force(course=world.course, user=world.users["other_doctor"], now=NOW) is None
    [row] = changes_about(world.nora, user=anne)
    assert row.why == f"Akuttilgang: {REASON}"
    assert row.action == Action.CREATE


def test_the_default_emergency_access_lasts_two_hours(world):
    access = services.declare_emergency_access(
        course=world.course, by=world.users["other_doctor"], reason=REASON, now=NOW
    )
    assert access.expires_at - access.at == timedelta(minutes=120)


def test_a_very_long_reason_is_kept_whole_and_the_log_line_is_cut_to_fit(world):
    reason = "Personen kom inn bevisstløs. " * 15
    access = services.declare_emergency_access(
        course=world.course, by=world.users["other_doctor"], reason=reason
    )
    assert access.reason == reason.strip()
    [row] = changes_about(world.nora, user=world.users["other_doctor"])
    assert row.why.startswith("Akuttilgang: Personen kom inn") and len(row.why) == 200


@pytest.mark.parametrize("persona", ["the_person", "another_client"])
def test_a_client_cannot_declare_an_emergency_access(world, persona):
    with pytest.raises(PermissionDenied):
        services.declare_emergency_access(course=world.course, by=world.users[persona], reason=REASON)
    assert not EmergencyAccess.objects.exists()


def test_only_the_admin_reviews_an_emergency_access_and_only_once(world):
    access = services.declare_emergency_access(
        course=world.course, by=world.users["other_therapist"], reason=REASON
    )
    for persona in ("coordinator", "team_doctor", "other_therapist"):
        with pytest.raises(PermissionDenied):
            services.review_emergency_access(access=access, by=world.users[persona], note="Greit.")
    admin = world.users["admin"]
    with pytest.raises(CourseError, match="gjennomgangen"):
        services.review_emergency_access(access=access, by=admin, note="  ")
    later = NOW + timedelta(days=1)
    services.review_emergency_access(
        access=access, by=admin, note=" Berettiget: akuttinnleggelse. ", now=later
    )
    access.refresh_from_db()
    assert (access.reviewed_at, access.reviewed_by, access.review_note) == (
        later,
        admin,
        "Berettiget: akuttinnleggelse.",
    )
    with pytest.raises(CourseError, match="allerede"):
        services.review_emergency_access(access=access, by=admin, note="Igjen.")
    [row] = changes_about(world.nora, user=admin)
    assert row.why == "Gjennomgikk akuttilgang"


def test_every_service_logs_its_change_with_the_person(world):
    users = world.users
    services.set_team_member(
        course=world.course, role=TeamRole.DOCTOR, user=users["other_doctor"], by=users["coordinator"]
    )
    services.change_phase(course=world.course, to=Phase.BEHANDLING, by=users["team_therapist"])
    access = services.declare_emergency_access(
        course=world.course, by=users["other_therapist"], reason=REASON
    )
    services.review_emergency_access(access=access, by=users["admin"], note="Berettiget.")
    changes = AccessLog.objects.filter(
        action__in=[Action.CREATE, Action.CHANGE], object_type__startswith="care."
    )
    assert changes.count() == 6  # two starts (Nora, Ola), team, phase, declared, reviewed
    assert changes.filter(person__isnull=True).count() == 0
    assert changes.filter(person=world.nora).count() == 5


def test_an_admin_cannot_review_their_own_emergency_access(world):
    admin = world.users["admin"]
    access = services.declare_emergency_access(
        course=world.course, by=admin, reason="Personen ringte og trenger hjelp nå, teamet er ikke på jobb."
    )
    with pytest.raises(services.CourseError, match="egen akuttilgang"):
        services.review_emergency_access(access=access, by=admin, note="Begrunnet.")


def test_the_team_of_a_closed_course_cannot_be_changed(world):
    coordinator = world.users["coordinator"]
    services.change_phase(
        course=world.course, to="avsluttet", by=coordinator, closing_summary="Avsluttet etter avtale."
    )
    with pytest.raises(services.CourseError, match="avsluttet"):
        services.set_team_member(
            course=world.course, role="doctor", user=world.users["other_doctor"], by=coordinator
        )


def test_an_admin_who_is_the_team_s_coordinator_may_change_the_team(world):
    admin = world.users["admin"]
    coordinator = world.users["coordinator"]
    services.set_team_member(course=world.course, role="coordinator", user=admin, by=coordinator)
    world.course.refresh_from_db()
    services.set_team_member(course=world.course, role="doctor", user=world.users["other_doctor"], by=admin)
    assert world.course.member("doctor").user == world.users["other_doctor"]
