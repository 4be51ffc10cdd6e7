from datetime import datetime
from itertools import count
from typing import Any

import pytest

from forlop.booking.tests.conftest import make_profile
from forlop.contact.models import ContactEnquiry
from forlop.content.models import Article, Category
from forlop.lib.timezones import OSLO
from forlop.matching.models import MatchRequest
from forlop.matching.services import submit_request
from forlop.matching.tests.conftest import ANSWERS

# Sunday noon, winter time: the therapist's next booking is on Tuesday.
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=OSLO)
# Daily GHB is flagged for a doctor, and urgent; pregnancy with alcohol use is flagged for a doctor only.
GHB_DAILY = {"substances": ["ghb"], "frequency": "daily", "frequencies": {"ghb": "daily"}}
PREGNANT = {"pregnant": "yes"}

_numbers = count(1)


def oslo(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=OSLO)


@pytest.fixture
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)
    return time_machine


@pytest.fixture
def match_request(db):
    def make(name: str, *, at: str, **answers: Any) -> MatchRequest:
        email = f"{name.split()[0].lower()}@example.no"
        return submit_request(answers={**ANSWERS, "name": name, "email": email, **answers}, now=oslo(at))

    return make


@pytest.fixture
def enquiry(db):
    def make(name: str, *, at: str, urgent: bool = False, status=ContactEnquiry.Status.NEW) -> ContactEnquiry:
        return ContactEnquiry.objects.create(
            name=name,
            email=f"{name.split()[0].lower()}@example.no",
            message="Jeg vil ha hjelp til å slutte å drikke.",
            preferred_contact=ContactEnquiry.PreferredContact.EMAIL,
            consent_at=oslo(at),
            created_at=oslo(at),
            urgent=urgent,
            status=status,
        )

    return make


@pytest.fixture
def article(db):
    category = Category.objects.create(name="Avrusning", slug="avrusning", position=1)

    def make(title: str, **fields: Any) -> Article:
        n = next(_numbers)
        return Article.objects.create(
            title=title,
            slug=f"artikkel-{n}",
            summary="En kort ingress.",
            body="Litt tekst om avrusning.",
            category=category,
            author="Kari Nordmann",
            status=Article.Status.PUBLISHED,
            published_at=NOW,
            **fields,
        )

    return make


@pytest.fixture
def profile(therapist):
    """The `therapist` persona's published profile: 09:00-12:00 every day, all non-doctor types."""
    return make_profile(user=therapist)
