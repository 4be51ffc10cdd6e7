from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forlop.accounts.models import LoginEvent
from forlop.audit.models import AccessLog
from forlop.care import services as care_services
from forlop.care.taper import OVERDOSE_WARNING
from forlop.care.tapering import services
from forlop.care.tapering.models import Kind, PlanVersion, Status

from .conftest import BENZO_INPUTS, code_now


def test_the_software_proposes_a_draft_with_the_guideline_defaults(world):
    version = services.propose(
        by=world.users["team_therapist"], course=world.course, kind=Kind.BENZODIAZEPINE
    )
    assert version.number == 1 and version.status == Status.DRAFT
    assert version.inputs["rate_percent"] == 10 and version.inputs["strengths"] == ["2", "5", "10"]
    assert version.schedule == {}  # no doses recorded in the course: the doctor enters them


def test_it_proposes_from_the_doses_carried_over_into_the_course(world):
    world.course.carried_over = {"current_doses": [{"drug": "Xanor", "mg_per_day": "2"}]}
    world.course.save()
    version = services.propose(by=world.users["team_doctor"], course=world.course, kind=Kind.BENZODIAZEPINE)
    assert version.inputs["doses"] == [{"drug": "alprazolam", "mg_per_day": "2"}]
    assert version.inputs["switch_weeks"] == 2
    assert version.schedule["conversion"]["total_diazepam_mg"] == "40"
    assert version.schedule["approximate"] is True


def test_a_draft_shows_the_conversion_as_approximate_and_keeps_a_factor_override_with_its_reason(
    draft, world
):
    inputs = {**BENZO_INPUTS, "overrides": [{"drug": "Sobril", "mg": "15", "reason": "Eldre, sederes lett"}]}
    version = services.save_draft(by=world.users["team_doctor"], version=draft, inputs=inputs)
    [line] = version.schedule["conversion"]["lines"]
    assert line["factor_mg"] == "15" and line["table_factor_mg"] == "20"
    assert line["override_reason"] == "Eldre, sederes lett"
    assert line["diazepam_mg"] == "20"
    assert version.edited_by == world.users["team_doctor"]


def test_the_alcohol_templates_have_thiamine(world):
    for kind, inputs in [
        (Kind.ALCOHOL_FIXED, {"start": "2026-03-03", "diazepam_dose_mg": "10", "thiamine_mg_per_day": "300"}),
        (
            Kind.ALCOHOL_CIWA,
            {
                "start": "2026-03-03",
                "diazepam_dose_mg": "10",
                "ciwa_threshold": 10,
                "thiamine_mg_per_day": "300",
            },
        ),
    ]:
        schedule = services.compute(kind, inputs)
        assert any(d["drug"] == "tiamin" for d in schedule["days"][0]["doses"])
        assert any("Tiamin" in note for note in schedule["notes"])


def test_the_buprenorphine_template_warns_about_lost_tolerance(world):
    schedule = services.compute(
        Kind.BUPRENORPHINE, {"start": "2026-03-03", "daily_doses_mg": ["8", "6", "4", "2", "0"]}
    )
    assert schedule["warnings"] == [str(OVERDOSE_WARNING)]


def test_inputs_that_make_no_plan_are_refused_in_norwegian(draft, world):
    with pytest.raises(services.TaperInputError, match="står ikke i tabellen"):
        services.save_draft(
            by=world.users["team_doctor"],
            version=draft,
            inputs={**BENZO_INPUTS, "doses": [{"drug": "paracet", "mg_per_day": "1"}]},
        )
    draft.refresh_from_db()
    assert draft.inputs["doses"][0]["drug"] == "Sobril"  # nothing half-saved


def test_a_coordinator_cannot_edit_a_draft(draft, world):
    with pytest.raises(PermissionDenied):
        services.save_draft(by=world.users["coordinator"], version=draft, inputs=BENZO_INPUTS)


# --- approval -------------------------------------------------------------------------------------------------


def test_the_doctor_on_the_team_approves_with_a_fresh_code(draft, world):
    doctor = world.users["team_doctor"]
    version = services.approve(by=doctor, version=draft, code=code_now(doctor))
    assert version.approved_by == doctor and version.status == Status.APPROVED
    assert AccessLog.objects.filter(
        object_id=str(version.pk), why__contains="godkjent med andre faktor"
    ).exists()
    assert services.approved_plans_for(world.nora) == [(version.plan, version)]


def test_approval_is_refused_without_a_code(draft, world):
    with pytest.raises(services.ApprovalRefused):
        services.approve(by=world.users["team_doctor"], version=draft, code="")
    draft.refresh_from_db()
    assert draft.approved_at is None


def test_approval_is_refused_with_a_wrong_code_and_the_attempt_is_logged(draft, world):
    doctor = world.users["team_doctor"]
    code_now(doctor)  # the doctor has an app
    with pytest.raises(services.ApprovalRefused, match="stemmer ikke"):
        services.approve(by=doctor, version=draft, code="000000")
    draft.refresh_from_db()
    assert draft.approved_at is None
    assert LoginEvent.objects.filter(user=doctor, outcome=LoginEvent.Outcome.FACTOR_FAILED).count() == 1
    assert services.approved_plans_for(world.nora) == []


@pytest.mark.parametrize("who", ["team_therapist", "other_doctor", "coordinator", "admin"])
def test_only_the_doctor_on_the_team_may_approve(draft, world, who):
    user = world.users[who]
    with pytest.raises(PermissionDenied):
        services.approve(by=user, version=draft, code=code_now(user))
    draft.refresh_from_db()
    assert draft.approved_at is None


def test_a_draft_that_makes_no_plan_cannot_be_approved(world):
    doctor = world.users["team_doctor"]
    empty = services.propose(by=doctor, course=world.course, kind=Kind.BENZODIAZEPINE)
    with pytest.raises(services.ApprovalRefused, match="ingen plan"):
        services.approve(by=doctor, version=empty, code=code_now(doctor))


def test_a_version_is_approved_only_once(approved, world):
    doctor = world.users["team_doctor"]
    with pytest.raises(services.ApprovalRefused, match="allerede godkjent"):
        services.approve(by=doctor, version=approved, code="12345678")


# --- new versions ---------------------------------------------------------------------------------------------


def test_a_change_after_approval_is_a_new_version_that_needs_approval(approved, world, time_machine):
    doctor = world.users["team_doctor"]
    with pytest.raises(PermissionDenied):
        services.save_draft(by=doctor, version=approved, inputs=BENZO_INPUTS)
    with pytest.raises(services.TaperInputError, match="hvorfor"):
        services.new_version(by=doctor, plan=approved.plan, reason="  ")
    second = services.new_version(
        by=world.users["team_therapist"], plan=approved.plan, reason="Trenger pause"
    )
    assert second.number == 2 and second.inputs == approved.inputs and second.reason == "Trenger pause"
    services.save_draft(
        by=doctor, version=second, inputs={**BENZO_INPUTS, "pauses": [{"week": 3, "weeks": 2}]}
    )
    # until the new version is approved, the person sees version 1
    assert services.approved_plans_for(world.nora)[0][1].number == 1
    with pytest.raises(services.TaperInputError, match="utkast"):
        services.new_version(by=doctor, plan=approved.plan, reason="En til")
    time_machine.shift(timedelta(minutes=1))  # a new code from the app
    services.approve(by=doctor, version=second, code=code_now(doctor))
    [(plan, shown)] = services.approved_plans_for(world.nora)
    assert shown.number == 2
    approved.refresh_from_db()
    assert approved.status == Status.SUPERSEDED and second.status == Status.APPROVED
    assert [s for _v, s in services.versions_with_status(plan)] == [Status.APPROVED, Status.SUPERSEDED]


# --- flags ------------------------------------------------------------------------------------------------------


def test_a_draft_waiting_for_approval_is_flagged_for_the_doctor(draft, world):
    other = care_services.Course.objects.exclude(pk=world.course.pk).get()
    flags = services.flags_for([world.course.pk, other.pk], now=draft.created_at)
    [flag] = flags[world.course.pk]
    assert flag.label == "Nedtrappingsplan venter på godkjenning" and flag.for_doctor
    assert flag.url.endswith(f"/nedtrapping/{draft.plan_id}/v1/")
    assert flags[other.pk] == []


def test_an_approved_plan_is_not_flagged(approved, world):
    assert services.flags_for([world.course.pk], now=approved.approved_at) == {world.course.pk: []}


def test_flags_take_one_query_however_many_courses(world, draft):
    ids = list(care_services.Course.objects.values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as one:
        services.flags_for(ids[:1], now=draft.created_at)
    with CaptureQueriesContext(connection) as all_of_them:
        services.flags_for([*ids, 999, 1000], now=draft.created_at)
    assert len(one) == len(all_of_them) == 1


def test_the_version_numbers_and_the_single_draft_are_kept_by_the_database(draft):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        PlanVersion.objects.create(
            plan=draft.plan, number=2, reason="x", created_at=draft.created_at, proposed_by=draft.proposed_by
        )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"target_mg": "20"}, "Måldosen må være lavere enn startdosen."),
        ({"target_mg": "1"}, "Måldosen går ikke opp i tablettstyrkene"),
        ({"pauses": [{"week": 60, "weeks": 1}]}, "En pause må ligge innenfor planens uker."),
        ({"strengths": ["20"], "doses": [{"drug": "diazepam", "mg_per_day": "5"}]}, "Dosen går ikke opp"),
    ],
)
def test_the_doctor_is_told_in_norwegian_why_inputs_make_no_plan(change, message):
    with pytest.raises(services.TaperInputError) as refused:
        services.compute(Kind.BENZODIAZEPINE, {**BENZO_INPUTS, **change})
    assert message in str(refused.value)
