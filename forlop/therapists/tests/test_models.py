import pytest
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction

from forlop.therapists import vocabulary
from forlop.therapists.models import FocusArea, Language, MeetingMode, Method, Profession, Therapist

pytestmark = pytest.mark.django_db


def therapist(**fields) -> Therapist:
    values = {
        "name": "Ingrid Solberg",
        "slug": "ingrid-solberg",
        "profession": Profession.PSYKOLOG,
        "hpr_number": "1234567",
        "bio_short": "Kort.",
        "bio_long": "Lang.",
    }
    values.update(fields)
    return Therapist(**values)


def test_it_keeps_the_vocabulary_tables_equal_to_the_engine():
    # If this fails, the engine gained or lost a key: add a data migration like 0002_vocabulary.
    substances = list(FocusArea.objects.filter(kind=FocusArea.Kind.SUBSTANCE).values_list("key", flat=True))
    themes = list(FocusArea.objects.filter(kind=FocusArea.Kind.THEME).values_list("key", flat=True))
    assert substances == list(vocabulary.SUBSTANCES)
    assert themes == list(vocabulary.THEMES)
    assert list(Method.objects.values_list("key", flat=True)) == list(vocabulary.METHODS)
    assert list(MeetingMode.objects.values_list("key", flat=True)) == list(vocabulary.MEETING_MODES)
    assert list(Language.objects.values_list("key", flat=True)) == list(vocabulary.LANGUAGES)


def test_it_labels_vocabulary_with_the_engine_s_norwegian_words():
    assert str(FocusArea.objects.get(key="benzodiazepiner")) == "Benzodiazepiner/sovemedisin"
    assert Language.objects.get(key="so").label_lower == "somali"


@pytest.mark.parametrize(
    ("profession", "hpr", "valid"),
    [
        (Profession.PSYKOLOG, "1234567", True),
        (Profession.PSYKOLOGSPESIALIST, "123456789", True),
        (Profession.RUSMEDISIN, "", False),
        (Profession.LEGE, "", False),
        (Profession.PSYKIATER, "", False),
        (Profession.SYKEPLEIER, "", False),
        (Profession.KLINISK_SOSIONOM, "", True),
        (Profession.SERTIFISERT_TERAPEUT, "", True),
        (Profession.SERTIFISERT_TERAPEUT, "7654321", True),
    ],
)
def test_it_requires_an_hpr_number_for_authorized_professions(profession, hpr, valid):
    candidate = therapist(profession=profession, hpr_number=hpr)
    if valid:
        candidate.full_clean()
    else:
        with pytest.raises(ValidationError) as caught:
            candidate.full_clean()
        assert caught.value.message_dict["hpr_number"] == [
            "HPR-nummer må fylles ut for autorisert helsepersonell."
        ]


@pytest.mark.parametrize("hpr", ["123456", "1234567890", "12345a7", "123 4567", "١٢٣٤٥٦٧"])
def test_it_rejects_hpr_numbers_that_are_not_7_to_9_digits(hpr):
    with pytest.raises(ValidationError) as caught:
        therapist(hpr_number=hpr).full_clean()
    assert "7 til 9 sifre" in caught.value.message_dict["hpr_number"][0]


@pytest.mark.parametrize("hpr", ["123456", "1234567890", "12345a7", "1234 67"])
def test_the_database_refuses_a_malformed_hpr_number(hpr):
    # PostgreSQL refuses a tenth digit already by the column length (DataError); SQLite by the constraint.
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        therapist(hpr_number=hpr).save()


@pytest.mark.parametrize("hpr", ["", "1234567", "12345678", "123456789"])
def test_the_database_accepts_an_empty_or_well_formed_hpr_number(hpr):
    therapist(hpr_number=hpr, profession=Profession.SERTIFISERT_TERAPEUT).save()


def test_it_makes_initials_for_the_avatar():
    assert therapist(name="Ingrid Solberg").initials == "IS"
    assert therapist(name="Anne-Lise van der Berg").initials == "AB"
    assert therapist(name="Cher").initials == "C"


def test_it_splits_the_long_bio_into_plain_paragraphs():
    bio = "Første linje\nfortsetter her.\r\n\r\nAndre <b>avsnitt</b>.\n\n\n"
    assert therapist(bio_long=bio).bio_paragraphs == ["Første linje fortsetter her.", "Andre <b>avsnitt</b>."]
