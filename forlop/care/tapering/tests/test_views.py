from datetime import datetime

import pytest
from django.urls import reverse

from forlop.accounts.models import LoginEvent
from forlop.audit.models import AccessLog
from forlop.care.tapering.models import PlanVersion
from forlop.lib.timezones import OSLO

from .conftest import code_now


def plans_url(world):
    return reverse("care_tapering:plans", kwargs={"course_pk": world.course.pk})


def url(name, version, **extra):
    return reverse(
        name,
        kwargs={
            "course_pk": version.plan.course_id,
            "plan_pk": version.plan_id,
            "number": version.number,
            **extra,
        },
    )


FORM = {
    "start": "2026-03-09",
    "switch_weeks": "0",
    "rate_percent": "10",
    "slow_below_mg": "10",
    "target_mg": "0",
    "times": "08:00, 20:00",
    "strengths": "2, 5, 10",
    "drug_1": "Sobril",
    "mg_1": "30",
}


def test_a_clinician_on_the_team_creates_a_proposal_and_edits_it(world):
    client = world.client_for("team_therapist")
    page = client.get(plans_url(world))
    assert page.status_code == 200 and "Foreslå en plan" in page.text
    created = client.post(
        reverse("care_tapering:create", kwargs={"course_pk": world.course.pk}), {"kind": "benzodiazepine"}
    )
    version = PlanVersion.objects.get()
    assert created.url == url("care_tapering:edit", version)
    saved = client.post(url("care_tapering:edit", version), FORM)
    assert saved.status_code == 302
    shown = client.get(url("care_tapering:version", version))
    assert "omtrentlig" in shown.text and "Utkast" in shown.text
    assert "Godkjenn" not in shown.text.split("Endre utkastet")[1][:200]  # the therapist cannot approve


def test_a_wrong_draft_keeps_everything_typed_and_says_what_is_wrong(world, draft):
    client = world.client_for("team_doctor")
    typed = {**FORM, "drug_2": "paracet", "mg_2": "12,5", "factor_1": "15", "pause_week_1": "3"}
    response = client.post(url("care_tapering:edit", draft), typed)
    assert response.status_code == 400
    text = response.text
    assert "paracet står ikke i tabellen" in text
    assert "Skriv hvorfor du bruker en annen faktor enn tabellen." in text
    assert "En pause trenger både uke og antall uker." in text
    assert 'value="paracet"' in text and 'value="12,5"' in text and 'value="15"' in text
    draft.refresh_from_db()
    assert draft.inputs["doses"] == [{"drug": "Sobril", "mg_per_day": "30"}]


def test_approval_without_the_code_is_refused_and_nothing_is_lost(world, draft):
    client = world.client_for("team_doctor")
    response = client.post(url("care_tapering:approve", draft), {"code": ""})
    assert response.status_code == 400
    assert "Skriv inn koden" in response.text
    draft.refresh_from_db()
    assert draft.approved_at is None


def test_approval_with_a_wrong_code_is_refused_logged_and_keeps_the_code_typed(world, draft):
    client = world.client_for("team_doctor")
    response = client.post(url("care_tapering:approve", draft), {"code": "123 456"})
    assert response.status_code == 400
    assert "Koden stemmer ikke" in response.text and 'value="123 456"' in response.text
    assert LoginEvent.objects.filter(user=world.users["team_doctor"], outcome="factor_failed").exists()
    draft.refresh_from_db()
    assert draft.approved_at is None


def test_approval_is_rate_limited(world, draft):
    client = world.client_for("team_doctor")
    for _ in range(5):
        assert client.post(url("care_tapering:approve", draft), {"code": "000000"}).status_code == 400
    locked = client.post(url("care_tapering:approve", draft), {"code": code_now(world.users["team_doctor"])})
    assert locked.status_code == 429 and "For mange feil koder" in locked.text
    draft.refresh_from_db()
    assert draft.approved_at is None


@pytest.mark.parametrize("who", ["team_therapist", "other_doctor"])
def test_a_therapist_or_a_doctor_outside_the_team_cannot_approve(world, draft, who):
    client = world.client_for(who)
    code = code_now(world.users[who])
    assert client.get(url("care_tapering:approve", draft)).status_code == 403
    assert client.post(url("care_tapering:approve", draft), {"code": code}).status_code == 403
    draft.refresh_from_db()
    assert draft.approved_at is None


def test_the_doctor_approves_with_the_code_and_the_person_sees_the_plan_in_min_side(
    world, draft, time_machine
):
    doctor = world.client_for("team_doctor")
    assert "Bekreft med andre faktor" in doctor.get(url("care_tapering:approve", draft)).text
    person = world.client_for("the_person")
    mine = reverse("care_tapering:mine_plan", kwargs={"plan_pk": draft.plan_id})
    assert person.get(mine).status_code == 404  # not before approval
    approved = doctor.post(
        url("care_tapering:approve", draft), {"code": code_now(world.users["team_doctor"])}
    )
    assert approved.status_code == 302
    draft.refresh_from_db()
    assert draft.approved_by == world.users["team_doctor"]

    time_machine.move_to(datetime(2026, 3, 10, 9, 0, tzinfo=OSLO), tick=False)
    person = world.client_for("the_person")
    assert person.get(reverse("care_tapering:mine")).url == mine  # one plan: straight to it
    page = person.get(mine)
    assert page.status_code == 200
    today = page.text.split('aria-current="date"')[1][:400]
    assert "tirsdag 10. mars 2026" in today and "I dag" in today
    assert page.text.count('aria-current="date"') == 1
    assert "kl. 20:00: diazepam" in page.text
    printed = person.get(reverse("care_tapering:mine_print", kwargs={"plan_pk": draft.plan_id}))
    assert (
        printed.status_code == 200 and "@media print" not in printed.text and "css/site.css" in printed.text
    )
    rows = AccessLog.objects.filter(object_id=str(draft.pk), user=world.users["the_person"])
    assert rows.count() == 2 and {row.person_id for row in rows} == {world.nora.pk}


def test_another_client_never_sees_the_plan(world, approved):
    other = world.client_for("another_client")
    assert (
        other.get(reverse("care_tapering:mine_plan", kwargs={"plan_pk": approved.plan_id})).status_code == 404
    )
    listing = other.get(reverse("care_tapering:mine"))
    assert listing.status_code == 200 and "ingen godkjent plan" in listing.text


def test_a_new_version_is_made_with_a_reason_and_the_person_keeps_seeing_the_approved_one(world, approved):
    client = world.client_for("team_doctor")
    new = reverse(
        "care_tapering:new_version", kwargs={"course_pk": world.course.pk, "plan_pk": approved.plan_id}
    )
    refused = client.post(new, {"reason": ""})
    assert refused.status_code == 400
    made = client.post(new, {"reason": "Personen ønsker å gå saktere"})
    second = PlanVersion.objects.get(number=2)
    assert made.url == url("care_tapering:edit", second)
    client.post(url("care_tapering:edit", second), {**FORM, "rate_percent": "15"})
    person = world.client_for("the_person")
    page = person.get(reverse("care_tapering:mine_plan", kwargs={"plan_pk": approved.plan_id}))
    assert "Versjon 1" in page.text


# --- who may open what --------------------------------------------------------------------------------------

STAFF_PAGES = ["plans", "version", "edit", "approve"]
EXPECTED = {  # persona -> status for plans, version, edit (GET), approve (GET)
    "anonymous": (302, 302, 302, 302),
    "the_person": (403, 403, 403, 403),
    "another_client": (403, 403, 403, 403),
    "team_therapist": (200, 200, 200, 403),
    "other_therapist": (403, 403, 403, 403),
    "team_doctor": (200, 200, 200, 200),
    "other_doctor": (403, 403, 403, 403),
    "coordinator": (200, 200, 403, 403),
    "admin": (403, 403, 403, 403),
}


@pytest.mark.parametrize("persona", list(EXPECTED))
def test_who_may_open_the_staff_pages(world, draft, persona):
    client = world.client_for(persona)
    urls = [plans_url(world), url("care_tapering:version", draft), url("care_tapering:edit", draft)]
    urls.append(url("care_tapering:approve", draft))
    got = tuple(client.get(u).status_code for u in urls)
    assert got == EXPECTED[persona]


def test_every_staff_read_is_logged_with_the_person_as_subject(world, draft):
    world.client_for("team_therapist").get(url("care_tapering:version", draft))
    [row] = AccessLog.objects.filter(object_id=str(draft.pk), action="view")
    assert row.person_id == world.nora.pk and row.user == world.users["team_therapist"]


@pytest.mark.parametrize("persona", ["anonymous", "team_therapist", "team_doctor", "admin"])
def test_min_side_is_only_for_the_person(world, approved, persona):
    response = world.client_for(persona).get(
        reverse("care_tapering:mine_plan", kwargs={"plan_pk": approved.plan_id})
    )
    assert response.status_code == (302 if persona == "anonymous" else 403)


TEMPLATE_FORMS = {
    "alcohol-fixed": {
        "start": "2026-03-03",
        "diazepam_dose_mg": "10",
        "doses_per_day": "4, 3, 2, 1",
        "times": "08:00, 13:00, 18:00, 22:00",
        "thiamine_mg_per_day": "300",
        "thiamine_days": "7",
    },
    "alcohol-ciwa": {
        "start": "2026-03-03",
        "diazepam_dose_mg": "10",
        "ciwa_threshold": "10",
        "thiamine_mg_per_day": "300",
        "thiamine_days": "7",
        "thiamine_time": "08:00",
    },
    "opioid-buprenorphine-naloxone": {
        "start": "2026-03-03",
        "daily_doses_mg": "8, 6, 4, 2",
        "dosing_time": "08:00",
    },
}


@pytest.mark.parametrize("kind", list(TEMPLATE_FORMS))
def test_the_doctor_fills_in_each_template_and_sees_its_warnings(world, kind):
    client = world.client_for("team_doctor")
    client.post(reverse("care_tapering:create", kwargs={"course_pk": world.course.pk}), {"kind": kind})
    version = PlanVersion.objects.get(plan__kind=kind)
    assert client.get(url("care_tapering:edit", version)).status_code == 200
    assert client.post(url("care_tapering:edit", version), TEMPLATE_FORMS[kind]).status_code == 302
    page = client.get(url("care_tapering:version", version)).text
    if kind.startswith("alcohol"):
        assert "Tiamin" in page
    else:
        assert "livstruende overdose" in page


def test_a_passkey_only_doctor_is_offered_the_passkey_and_a_typed_code_approves_nothing(world, draft):
    from django_otp import DEVICE_ID_SESSION_KEY

    from forlop.accounts.models import WebAuthnCredential

    doctor = world.users["team_doctor"]
    client = world.client_for("team_doctor")
    passkey = WebAuthnCredential.objects.create(
        user=doctor, name="Nøkkel", confirmed=True, credential_id="abc", public_key=b"x", sign_count=0
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = passkey.persistent_id  # logged in with the passkey
    session.save()
    doctor.totpdevice_set.all().delete()
    page = client.get(url("care_tapering:approve", draft))
    assert page.status_code == 200
    assert "Bekreft med passnøkkel og godkjenn" in page.text
    assert 'name="code"' not in page.text  # no code field to type into: there is no app to take one from
    refused = client.post(url("care_tapering:approve", draft), {"code": "123456"})
    assert refused.status_code == 400
    assert "Bekreft med passnøkkelen din" in refused.text
    draft.refresh_from_db()
    assert draft.approved_at is None
