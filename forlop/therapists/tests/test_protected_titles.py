"""A profile title may not claim a protected title (helsepersonelloven § 74) that its profession does not
give: "psykolog" is for psychologists, "lege" for doctors."""

import pytest
from django.core.exceptions import ValidationError

from forlop.therapists.demo import PROFILES
from forlop.therapists.models import PROTECTED_TITLES, Profession, Therapist, protected_title_in


@pytest.mark.parametrize(
    ("title", "claimed"),
    [
        ("Psykolog med fordypning i rus", "psykolog"),
        ("PSYKOLOGSPESIALIST i rus", "psykologspesialist"),
        ("Ansvarlig lege for avrusning", "lege"),
        ("Rusterapeut med egen erfaring", None),
        ("Terapeut som samarbeider med legevakten", None),
        ("", None),
    ],
)
def test_it_finds_a_protected_title_in_free_text(title, claimed):
    assert protected_title_in(title) == claimed


@pytest.mark.parametrize(
    ("profession", "title", "allowed"),
    [
        (Profession.KLINISK_SOSIONOM, "Psykolog for unge voksne", False),
        (Profession.SERTIFISERT_TERAPEUT, "Lege og terapeut", False),
        (Profession.PSYKOLOGSPESIALIST, "Psykolog og spesialist", True),
        (Profession.PSYKIATER, "Lege, psykiater", True),
        (Profession.KLINISK_SOSIONOM, "Klinisk sosionom", True),
    ],
)
def test_a_profile_may_claim_only_the_titles_its_profession_gives(profession, title, allowed):
    therapist = Therapist(name="Test", slug="test", profession=profession, title=title, hpr_number="1234567")
    if allowed:
        therapist.clean()
    else:
        with pytest.raises(ValidationError) as refused:
            therapist.clean()
        assert "beskyttet tittel" in str(refused.value.message_dict["title"])


def test_every_demo_profile_uses_only_titles_it_may():
    for profile in PROFILES:
        claimed = protected_title_in(profile["title"])
        if claimed is not None:
            assert profile["profession"] in PROTECTED_TITLES[claimed], profile["title"]
