"""A doctor who logs in with a passkey approves a taper plan with the passkey: the real ceremony (a software
authenticator answers the challenge the server made), a one-time proof, and the same refusals as a code."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from forlop.accounts import passkeys, stepup
from forlop.accounts.models import WebAuthnCredential
from forlop.accounts.testing import login_verified
from forlop.accounts.tests.soft_authenticator import SoftAuthenticator
from forlop.care.tapering.models import PlanVersion

pytestmark = pytest.mark.django_db

ORIGIN = "http://testserver"
RP = passkeys.RelyingParty("testserver", ORIGIN)


def with_passkey(user) -> SoftAuthenticator:
    authenticator = SoftAuthenticator(ORIGIN)
    options, challenge = passkeys.registration_options(user=user, rp=RP)
    passkeys.register(user=user, credential=authenticator.create(options), challenge=challenge, rp=RP)
    return authenticator


def approve_url(draft) -> str:
    return reverse(
        "care_tapering:approve",
        kwargs={"course_pk": draft.plan.course_id, "plan_pk": draft.plan_id, "number": draft.number},
    )


def passkey_ceremony(client: Client, authenticator: SoftAuthenticator):
    options = client.post(reverse("accounts:stepup_passkey_options"))
    assert options.status_code == 200, options.content
    return client.post(
        reverse("accounts:stepup_passkey"),
        data=authenticator.get(options.content),
        content_type="application/json",
    )


def test_a_passkey_only_doctor_approves_with_the_passkey(world, draft):
    doctor = world.users["team_doctor"]
    authenticator = with_passkey(doctor)
    client = login_verified(Client(), doctor)
    page = client.get(approve_url(draft)).content.decode()
    assert 'data-passkey="stepup"' in page and "Bekreft med passnøkkel og godkjenn" in page
    answer = passkey_ceremony(client, authenticator)
    assert answer.json() == {"submit": True}
    response = client.post(approve_url(draft), {"passkey_proof": "1", "code": ""})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.approved_by == doctor and draft.approved_at is not None


def test_without_the_ceremony_the_proof_field_alone_approves_nothing(world, draft):
    doctor = world.users["team_doctor"]
    with_passkey(doctor)
    client = login_verified(Client(), doctor)
    response = client.post(approve_url(draft), {"passkey_proof": "1", "code": ""})
    assert response.status_code == 400
    assert not PlanVersion.objects.get(pk=draft.pk).approved_at


def test_a_proof_is_used_once(world, draft):
    doctor = world.users["team_doctor"]
    authenticator = with_passkey(doctor)
    client = login_verified(Client(), doctor)
    passkey_ceremony(client, authenticator)
    session = client.session
    assert stepup.take_passkey_proof(session, user=doctor, now=timezone.now()) is not None
    assert stepup.take_passkey_proof(session, user=doctor, now=timezone.now()) is None


def test_a_stale_or_someone_elses_proof_is_refused(world):
    doctor = world.users["team_doctor"]
    other = world.users["other_doctor"]
    credential = WebAuthnCredential.objects.create(
        user=doctor, name="Nøkkel", confirmed=True, credential_id="abc", public_key=b"x", sign_count=0
    )
    now = timezone.now()
    session: dict = {}
    stepup.record_passkey_proof(session, credential=credential, now=now)
    assert stepup.take_passkey_proof(session, user=other, now=now) is None
    stepup.record_passkey_proof(session, credential=credential, now=now)
    later = now + stepup.PASSKEY_PROOF_MAX_AGE + timedelta(seconds=1)
    assert stepup.take_passkey_proof(session, user=doctor, now=later) is None
    stepup.record_passkey_proof(session, credential=credential, now=now)
    assert stepup.take_passkey_proof(session, user=doctor, now=now + timedelta(seconds=30)) == credential


def test_a_therapist_cannot_approve_even_with_a_passkey(world, draft):
    therapist = world.users["team_therapist"]
    authenticator = with_passkey(therapist)
    client = login_verified(Client(), therapist)
    passkey_ceremony(client, authenticator)
    response = client.post(approve_url(draft), {"passkey_proof": "1", "code": ""})
    assert response.status_code == 403
    assert not PlanVersion.objects.get(pk=draft.pk).approved_at


def test_a_wrong_passkey_answer_is_refused_and_logged(world, draft):
    doctor = world.users["team_doctor"]
    with_passkey(doctor)
    client = login_verified(Client(), doctor)
    options = client.post(reverse("accounts:stepup_passkey_options"))
    stranger = SoftAuthenticator(ORIGIN)  # a key that is not the doctor's
    answer = client.post(
        reverse("accounts:stepup_passkey"),
        data=stranger.get(options.content),
        content_type="application/json",
    )
    assert answer.status_code == 400 and "error" in answer.json()
    assert stepup.PASSKEY_PROOF_KEY not in client.session
