"""Authorization matrix for relatives: every `relatives:` URL, and the person's own Min side pages (Min side and
the course's Min side pages), × (the person, her relative with each dial setting, another relative, another
client, a therapist on her team, anonymous). Only the allowed requests succeed; a relative sees only what
the dial lets through, and only on `relatives:person`; every read of the person's data by anyone but herself
is a log row with her as subject, and no other request writes one."""

import pytest
from django.test import Client
from django.urls import NoReverseMatch, get_resolver, reverse

from forlop.accounts.testing import login_verified
from forlop.audit.models import AccessLog
from forlop.relatives import services
from forlop.relatives.models import Consent, Dial

from .conftest import share

pytestmark = pytest.mark.django_db

ACTORS = ["nora", "ola_nothing", "ola_appointments", "ola_summary", "kari", "per", "therapist", "anonymous"]
SUMMARY = "Det går bedre nå, og jeg er glad for støtten."
APPOINTMENT = "09.00"

# The person's own pages elsewhere on Min side (GET, no arguments). A relative opening them sees their own.
OWN_PAGES = [
    "minside:home",
    "minside:sent",
    "minside:log",
    "minside:data",
    "care_plan:mine",
    "care_checkin:mine",
    "care_checkin:progress",
    "care_journal:mine",
    "care_measures:mine",
    "care_messaging:mine",
    "care_modules:mine",
    "care_relapse:mine",
    "care_tapering:mine",
]


@pytest.fixture
def world(nora, ola, kari, per, therapist):
    services.save_summary(person=nora, text=SUMMARY, approve=True, by=nora.user)
    return {"nora": nora, "ola": ola, "kari": kari, "per": per, "therapist": therapist}


def _client_for(actor: str, world) -> tuple[Client, str]:
    """A logged-in client, and the dial Nora has set for Ola (or "")."""
    client = Client()
    if actor == "anonymous":
        return client, ""
    if actor == "therapist":
        login_verified(client, world["therapist"])
        return client, ""
    name = actor.split("_")[0]
    login_verified(client, world[name].user)
    return client, actor.split("_")[1] if "_" in actor else ""


def _consent(world, dial: str) -> Consent:
    return share(world["nora"], world["ola"], dial or Dial.APPOINTMENTS)


def _new_rows(before: int):
    return list(AccessLog.objects.filter(pk__gt=before).select_related("user"))


def _check_gate(actor: str, response) -> bool:
    """Anonymous → the client login; staff → 403. True when the request got past the gate."""
    if actor == "anonymous":
        assert response.status_code == 302 and "/min-side/logg-inn/" in response["Location"]
        return False
    if actor == "therapist":
        assert response.status_code == 403
        return False
    return True


@pytest.mark.parametrize("actor", ACTORS)
def test_the_relatives_view_of_the_person(actor, world):
    client, dial = _client_for(actor, world)
    consent = _consent(world, dial)
    before = AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = client.get(reverse("relatives:person", args=[consent.pk]))
    rows = _new_rows(before)
    nora = world["nora"]
    about_nora = [r for r in rows if r.person_id == nora.pk]
    if not _check_gate(actor, response):
        assert about_nora == []
        return
    if not actor.startswith("ola"):
        assert response.status_code == 404  # Nora, Kari and Per are not the relative this consent names
        assert about_nora == []
        return
    page = response.content.decode()
    assert response.status_code == 200
    assert (SUMMARY in page) == (dial == Dial.SUMMARY)
    assert (APPOINTMENT in page) == (dial in (Dial.APPOINTMENTS, Dial.SUMMARY))
    expected = {
        "nothing": [],
        "appointments": ["relatives.appointments"],
        "summary": ["relatives.appointments", "relatives.summary"],
    }
    assert sorted(r.object_type for r in about_nora) == expected[dial]
    assert all(r.user_id == world["ola"].user.pk for r in about_nora)
    if dial == Dial.NOTHING:  # the relative's own page, logged as their own
        assert [r.person_id for r in rows] == [world["ola"].pk]


PERSON_PAGES = ["relatives:home", "relatives:consents"]


@pytest.mark.parametrize("name", PERSON_PAGES)
@pytest.mark.parametrize("actor", ACTORS)
def test_the_relatives_own_pages_show_each_person_only_their_own(actor, name, world):
    client, dial = _client_for(actor, world)
    _consent(world, dial)
    before = AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = client.get(reverse(name))
    rows = _new_rows(before)
    if not _check_gate(actor, response):
        assert rows == []
        return
    assert response.status_code == 200
    me = world[actor.split("_")[0]]
    assert rows and {r.person_id for r in rows} == {me.pk}, rows  # logged, as the actor's own read
    page = response.content.decode()
    assert (SUMMARY in page) == (actor == "nora" and name == "relatives:consents")  # her own summary, to her
    if name == "relatives:consents" and actor != "nora":
        assert "Ola Nordmann" not in page  # Nora's list of relatives is hers
    if name == "relatives:home" and actor.startswith("ola"):
        assert "Nora Nordmann deler med deg" in page
    elif name == "relatives:home":
        assert "deler med deg</a>" not in page


@pytest.mark.parametrize("name", ["relatives:dial", "relatives:remove"])
@pytest.mark.parametrize("actor", ACTORS)
def test_only_the_person_turns_the_dial_or_removes_a_relative(actor, name, world):
    client, dial = _client_for(actor, world)
    consent = _consent(world, dial)
    before_dial = consent.dial
    response = client.post(reverse(name, args=[consent.pk]), {f"c{consent.pk}-dial": Dial.NOTHING})
    consent.refresh_from_db()
    if not _check_gate(actor, response):
        assert consent.dial == before_dial and consent.ended_at is None
        return
    if actor == "nora":
        assert response.status_code == 302
        assert consent.dial == Dial.NOTHING
        assert (
            AccessLog.objects.filter(person=world["nora"], object_type="relatives.consent")
            .latest("pk")
            .user_id
            == world["nora"].user.pk
        )
    else:
        assert response.status_code == 404  # the relative included: the dial is the person's alone
        assert consent.dial == before_dial and consent.ended_at is None


@pytest.mark.parametrize("actor", ACTORS)
def test_only_the_person_in_a_course_adds_relatives_and_writes_the_summary(actor, world):
    client, dial = _client_for(actor, world)
    _consent(world, dial)
    consents = Consent.objects.count()
    added = client.post(
        reverse("relatives:add"), {"name": "Lise", "email": "lise@example.no", "dial": "appointments"}
    )
    written = client.post(reverse("relatives:summary"), {"text": "Noe annet", "approve": "1"})
    if not _check_gate(actor, added):
        _check_gate(actor, written)
        assert Consent.objects.count() == consents
        return
    if actor == "nora":
        assert added.status_code == 302 and written.status_code == 302
        assert Consent.objects.count() == consents + 1
    else:  # no open course of their own; Nora's untouched
        assert added.status_code == 400 and written.status_code == 400
        assert Consent.objects.count() == consents
        assert services.approved_of(world["nora"]).text == SUMMARY


@pytest.mark.parametrize("actor", ACTORS)
def test_the_public_pages_are_public_and_show_no_one(actor, world):
    client, _dial = _client_for(actor, world)
    assert client.get(reverse("relatives:start")).status_code == 200
    assert client.get(reverse("relatives:invitation", args=["ugyldig"])).status_code == 400


def _own_pages() -> list[str]:
    names = []
    for name in OWN_PAGES:
        try:
            reverse(name)
        except NoReverseMatch:  # a page another part of the course has not built yet
            continue
        names.append(name)
    return names


@pytest.mark.parametrize("name", _own_pages())
@pytest.mark.parametrize("actor", ACTORS)
def test_the_persons_own_min_side_pages_never_show_her_data_to_a_relative(actor, name, world):
    client, dial = _client_for(actor, world)
    _consent(world, dial)
    before = AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = client.get(reverse(name))
    rows = _new_rows(before)
    nora = world["nora"]
    if not _check_gate(actor, response):
        assert [r for r in rows if r.person_id == nora.pk] == []
        return
    assert response.status_code in (200, 302)
    if actor == "nora":
        assert all(r.person_id == nora.pk for r in rows)
        return
    # Anyone else (her relative whatever the dial): their own page, nothing of Nora's, nothing logged about her.
    me = world[actor.split("_")[0]]
    assert all(r.person_id == me.pk for r in rows), rows
    page = response.content.decode()
    assert "Nora" not in page and SUMMARY not in page


def _names(resolver, namespace: str) -> list[str]:
    names = [f"{namespace}:{k}" for k in resolver.reverse_dict if isinstance(k, str)]
    for inner, (_prefix, sub) in resolver.namespace_dict.items():
        names += _names(sub, f"{namespace}:{inner}")
    return names


def _every_relatives_url(consent_pk: int) -> list[tuple[str, str]]:
    """(name, path) for every pattern in the `relatives:` namespace and the namespaces inside it (the CRAFT
    course and the pårørendesamtale): int arguments get the consent's id, others a word."""
    urls = []
    for name in sorted(_names(get_resolver().namespace_dict["relatives"][1], "relatives")):
        for kwargs in ({}, {"pk": consent_pk}, {"slug": "x"}, {"token": "x"}):
            try:
                urls.append((name.removeprefix("relatives:"), reverse(name, kwargs=kwargs)))
                break
            except NoReverseMatch:
                continue
        else:
            raise AssertionError(f"the walker cannot fill in {name}'s arguments: add them here")
    return urls


@pytest.mark.parametrize("actor", ACTORS)
def test_no_relatives_url_shows_the_persons_data_beyond_the_dial(actor, world):
    """The walker: whatever `relatives:` pages exist, only Nora herself and Ola on `relatives:person` (within
    the dial) read anything about Nora, and staff reach none of the non-public pages."""
    client, dial = _client_for(actor, world)
    consent = _consent(world, dial)
    nora = world["nora"]
    for name, path in _every_relatives_url(consent.pk):
        before = AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        response = client.get(path)
        assert response.status_code < 500, (name, response.status_code)
        about_nora = [r for r in _new_rows(before) if r.person_id == nora.pk]
        may_read = actor == "nora" or (name == "person" and dial in (Dial.APPOINTMENTS, Dial.SUMMARY))
        assert may_read or about_nora == [], (name, about_nora)
        if actor != "nora":
            assert SUMMARY not in response.content.decode() or (name == "person" and dial == Dial.SUMMARY), (
                name
            )
