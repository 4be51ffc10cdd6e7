"""Realistic people through the real match form, every step posted as a browser would: what the triage flags
for staff, what the person is told on the summary and thank-you pages, and that no email carries health
details. The cases are the ones from issue 9 and shared/clinical/triage.md, and a few around them."""

from dataclasses import dataclass, field
from typing import Any

import pytest
from django.conf import settings

from forlop.matching.models import MatchRequest
from forlop.outbox.models import OutboxMessage

from .conftest import fill_steps

pytestmark = pytest.mark.django_db

NO_ALCOHOL = {"amount": "", "alcohol_morning": ""}


@dataclass
class Persona:
    name: str
    steps: dict[str, dict[str, Any]]
    reasons: list[str]  # the flagging rules stored for staff, most serious first
    urgent: bool = False
    doctor: bool = False
    residential: bool = False
    coordinator: bool = False
    says: list[str] = field(default_factory=list)  # on the summary and the thank-you page
    never_says: list[str] = field(default_factory=list)


def use(substances: dict[str, str], **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"substances": list(substances), **NO_ALCOHOL}
    data.update({f"frequency_{key}": value for key, value in substances.items()})
    data.update(extra)
    return data


DAILY_SOME = use({"alkohol": "daily"}, amount="some", alcohol_morning="no")
PERSONAS = [
    Persona(
        "daily 3-6 units, an earlier withdrawal seizure",
        {"step_2": {**DAILY_SOME, "earlier_seizures": "yes"}},
        ["seizures"],
        doctor=True,
        residential=True,
        says=["Har du hatt kramper eller delirium under abstinenser før", "døgnavdeling"],
    ),
    Persona(
        "daily 3-6 units, does not know about seizures",
        {"step_2": {**DAILY_SOME, "earlier_seizures": "unknown"}},
        ["seizures"],
        doctor=True,
        residential=True,
        says=["eller vet du ikke sikkert, skal du ikke slutte på egen hånd"],
    ),
    Persona(
        "7+ units every day for years, no seizures",
        {"step_2": {**use({"alkohol": "daily"}, amount="a_lot", alcohol_morning="no"), "duration": "over_5"}},
        ["alcohol"],
        doctor=True,
        says=["Å slutte brått etter mye daglig drikking kan gi farlige abstinenser"],
    ),
    Persona(
        "3-6 units daily with morning drinking",
        {"step_2": use({"alkohol": "daily"}, amount="some", alcohol_morning="yes")},
        ["alcohol"],
        doctor=True,
        says=["Ikke slutt på egen hånd før du har snakket med en lege"],
    ),
    Persona(
        "daily GHB",
        {"step_2": use({"ghb": "daily"})},
        ["ghb"],
        urgent=True,
        doctor=True,
        residential=True,
        says=["GHB-avrusning gjør vi ikke over video", "livstruende"],
        never_says=["Tilbyr medisinsk støttet avrusning"],
    ),
    Persona(
        "pregnant, a few units a week",
        {
            "step_2": use({"alkohol": "weekly"}, amount="little", alcohol_morning="no"),
            "step_3": {"pregnant": "yes"},
        },
        ["pregnant"],
        doctor=True,
        says=["Slutt nå: ingen mengde alkohol eller rusmidler", "jordmoren eller fastlegen"],
        never_says=["ikke slutt brått"],
    ),
    Persona(
        "pregnant and on prescribed benzodiazepines",
        {"step_2": use({"cannabis": "rarely"}), "step_3": {"pregnant": "yes", "benzo_use": "prescribed"}},
        ["pregnant_dependence", "benzos", "several"],
        urgent=True,
        doctor=True,
        says=["Ikke slutt brått på egen hånd, for din egen og barnets skyld", "gradvis nedtrapping"],
        never_says=["Slutt nå"],
    ),
    Persona(
        "daily opioids",
        {"step_2": use({"opioider": "daily"}), "step_3": {"opioid_use": "not_prescribed"}},
        ["opioids"],
        doctor=True,
        says=["overdose etter et opphold", "nalokson", "LAR"],
        never_says=["kan gi kramper"],
    ),
    Persona(
        "methadone in LAR, named only as medicine",
        {
            "step_2": use({"annet": "rarely"}),
            "step_3": {"opioid_use": "prescribed", "medication": "Metadon 80 mg"},
        },
        ["opioids", "several"],
        doctor=True,
        says=["Vi ser at du nevner metadon (opioid)"],
    ),
    Persona(
        "16 years, two substances now and then",
        {
            "step_1": {"age_group": "16_17"},
            "step_2": use({"alkohol": "rarely", "cannabis": "rarely"}, amount="some", alcohol_morning="no"),
        },
        ["age_16_17"],
        coordinator=True,
        says=[
            "Fra du er 16 år, bestemmer du selv over helsehjelpen din",
            "Å slutte er ikke farlig i seg selv",
        ],
        never_says=["farlige abstinenser", "Ikke slutt"],
    ),
    Persona(
        "15 years, cannabis weekly",
        {"step_1": {"age_group": "under_16"}, "step_2": use({"cannabis": "weekly"})},
        ["under_16"],
        coordinator=True,
        says=["foreldrene dine vanligvis med", "08588"],
    ),
    Persona(
        "Stesolid and epilepsy only in the free text",
        {
            "step_2": use({"alkohol": "weekly"}, amount="some", alcohol_morning="no"),
            "step_3": {"medication": "Stesolid 10 mg x 3", "physical_health": "Epilepsi"},
        },
        ["seizures", "benzos", "several"],
        doctor=True,
        residential=True,
        says=["Vi ser at du nevner Stesolid (beroligende medisin eller sovemedisin) og epilepsi"],
    ),
    Persona(
        "prescribed Sobril, nothing else",
        {
            "step_2": use({"annet": "rarely"}),
            "step_3": {"benzo_use": "prescribed", "medication": "Sobril 15 mg"},
        },
        ["benzos", "several"],
        doctor=True,
        says=["Ikke slutt brått med beroligende medisiner eller sovemedisiner"],
    ),
    Persona(
        "a wife asking about her husband's heavy daily drinking",
        {
            "step_1": {"who_for": "loved_one", "goals": ["relative", "stop"]},
            "step_2": use({"alkohol": "daily"}, amount="a_lot", alcohol_morning="yes"),
        },
        ["alcohol"],
        doctor=True,
        says=["Den du er bekymret for bør ikke slutte på egen hånd", "Du som er pårørende kan også få hjelp"],
        never_says=["Ikke slutt på egen hånd før du"],
    ),
    Persona(
        "thoughts of suicide now",
        {"step_1": {"acute_suicide": "yes"}},
        ["acute"],
        urgent=True,
        says=["Ring 113 nå", "Vi er ikke en akuttjeneste"],
    ),
    Persona(
        "cannabis weekly, adult",
        {"step_2": use({"cannabis": "weekly"})},
        [],
        says=["Å slutte er ikke farlig i seg selv", "går vanligvis over i løpet av to uker"],
    ),
    Persona("gambling only", {"step_2": use({"spill": "daily"})}, []),
    Persona(
        "weekly wine and cannabis",
        {"step_2": use({"alkohol": "weekly", "cannabis": "weekly"}, amount="some", alcohol_morning="no")},
        ["several"],
        doctor=True,
        says=["Når flere rusmidler brukes"],
    ),
]


@pytest.mark.parametrize("persona", PERSONAS, ids=[persona.name for persona in PERSONAS])
def test_each_persona_is_flagged_and_advised_as_triage_md_says(client, persona):
    fill_steps(client, **persona.steps)
    summary = client.get("/finn-terapeut/oppsummering/").content.decode()
    assert client.post("/finn-terapeut/oppsummering/")["Location"] == "/finn-terapeut/takk/"
    thanks = client.get("/finn-terapeut/takk/").content.decode()

    match_request = MatchRequest.objects.get()
    assert match_request.medical_reasons == persona.reasons
    assert match_request.urgent == persona.urgent
    assert match_request.medical_assessment == persona.doctor
    assert match_request.residential_likely == persona.residential
    assert match_request.coordinator_review == persona.coordinator

    for text in persona.says:
        assert text in summary, ("summary", text)
        assert text in thanks, ("thanks", text)
    for text in persona.never_says:
        assert text.lower() not in summary.lower(), ("summary", text)
        assert text.lower() not in thanks.lower(), ("thanks", text)
    if persona.urgent:
        assert 'href="tel:113"' in thanks and "116 117" in thanks
    if persona.doctor:
        assert "En av legene våre leser forespørselen før vi foreslår en terapeut" in thanks
        assert "Bestill gratis førstesamtale" not in thanks

    for message in OutboxMessage.objects.all():
        body = message.subject + message.body_text + message.body_html
        for detail in ("lkohol", "GHB", "ravid", "Stesolid", "pilepsi", "piod", "etadon", "annabis", "kramp"):
            assert detail not in body, (message.to, detail)
    practice = OutboxMessage.objects.get(to=[settings.PRACTICE_EMAIL])
    assert practice.subject.startswith("HASTER") == persona.urgent


def test_staff_see_why_a_request_is_flagged_and_what_the_free_text_gave(client, coordinator):
    from forlop.accounts.testing import login_verified

    fill_steps(
        client,
        step_1={"age_group": "16_17"},
        step_2=use({"ghb": "daily"}),
        step_3={"medication": "Rivotril 2 mg"},
    )
    client.post("/finn-terapeut/oppsummering/")
    match_request = MatchRequest.objects.get()
    staff = login_verified(client.__class__(), coordinator)
    html = staff.get(f"/ansatt/foresporsler/{match_request.pk}/").content.decode()
    assert "Haster: svarene tilsier hjelp i dag" in html
    assert "Bruker GHB/GBL jevnlig" in html and "16 eller 17 år" in html
    assert "Døgnavrusning er sannsynlig" in html
    assert "Gjenkjent i fritekst og tatt med i triagen: Rivotril." in html
    queue = staff.get("/ansatt/foresporsler/").content.decode()
    assert "Under 18 år" in queue and "Venter på lege" in queue
