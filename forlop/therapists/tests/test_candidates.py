import datetime

import pytest

from forlop.matching import engine
from forlop.matching.candidates import candidates
from forlop.therapists.models import Profession, Therapist

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 3, 23)


def test_it_turns_published_profiles_into_engine_candidates(make_therapist):
    ingrid = make_therapist(
        name="Ingrid Solberg",
        focus=("alkohol", "benzodiazepiner", "parorende", "traumer"),
        methods=("act", "motiverende_intervju"),
        languages=("nb", "pl"),
        modes=("video", "oppmote"),
        place="Stavanger",
        gender="kvinne",
        medical_detox=True,
        accepting_new_clients=False,
        new_clients_per_week=4,
    )
    make_therapist(name="Utkast", status=Therapist.Status.DRAFT)

    [candidate] = candidates(week_start=MONDAY)

    assert candidate == engine.TherapistCandidate(
        id=ingrid.pk,
        name="Ingrid Solberg",
        languages=frozenset({"nb", "pl"}),
        gender="kvinne",
        meeting_modes=frozenset({"video", "oppmote"}),
        accepting_new=False,
        weekly_capacity=4,
        booked_this_week=0,
        focus_substances=frozenset({"alkohol", "benzodiazepiner"}),
        focus_themes=frozenset({"parorende", "traumer"}),
        methods=frozenset({"act", "motiverende_intervju"}),
        places=frozenset({"Stavanger"}),
        medical_detox=True,
        authorised=True,
    )


AUTHORISATION = [
    ("psychologist with an HPR number", {"profession": Profession.PSYKOLOG, "hpr_number": "1234567"}, True),
    ("nurse with an HPR number", {"profession": Profession.SYKEPLEIER, "hpr_number": "987654321"}, True),
    (
        "addiction medicine specialist with an HPR number",
        {"profession": Profession.RUSMEDISIN, "hpr_number": "7654321"},
        True,
    ),
    ("psychologist without an HPR number", {"profession": Profession.PSYKOLOG, "hpr_number": ""}, False),
    (
        "clinical social worker, even with a number",
        {"profession": Profession.KLINISK_SOSIONOM, "hpr_number": "1234567"},
        False,
    ),
    ("certified therapist", {"profession": Profession.SERTIFISERT_TERAPEUT, "hpr_number": ""}, False),
]


@pytest.mark.parametrize(
    ("fields", "authorised"), [case[1:] for case in AUTHORISATION], ids=[case[0] for case in AUTHORISATION]
)
def test_it_marks_only_authorised_health_personnel_with_hpr_as_authorised(make_therapist, fields, authorised):
    make_therapist(**fields)

    [candidate] = candidates(week_start=MONDAY)

    assert candidate.authorised is authorised


def test_an_hpr_number_waiting_for_the_admin_does_not_authorise_yet(make_therapist):
    make_therapist(
        profession=Profession.SERTIFISERT_TERAPEUT,
        hpr_number="",
        pending_changes={"profession": Profession.PSYKOLOG, "hpr_number": "1234567"},
    )

    [candidate] = candidates(week_start=MONDAY)

    assert candidate.authorised is False


def test_a_medically_flagged_request_goes_only_to_authorised_therapists_who_work_with_the_substance(
    make_therapist,
):
    # The example: a gambling therapist without HPR, with a roomy week, against a psychologist.
    make_therapist(
        focus=("spill",),
        profession=Profession.SERTIFISERT_TERAPEUT,
        hpr_number="",
        new_clients_per_week=20,
    )
    make_therapist(focus=("alkohol",), profession=Profession.SERTIFISERT_TERAPEUT, hpr_number="")
    psychologist = make_therapist(focus=("alkohol",), new_clients_per_week=1)
    request = engine.MatchRequest(substances=frozenset({"alkohol"}), doctor_review=True)

    result = engine.rank(request, candidates(week_start=MONDAY))

    assert [s.therapist_id for s in result.ranked] == [psychologist.pk]
    assert sorted(e.reasons for e in result.excluded) == [
        ("Ikke autorisert helsepersonell",),
        ("Jobber ikke med alkohol", "Ikke autorisert helsepersonell"),
    ]


def test_a_place_counts_only_for_therapists_who_meet_in_person(make_therapist):
    make_therapist(modes=("video",), place="Oslo", gender="")
    [candidate] = candidates(week_start=MONDAY)
    assert candidate.places == frozenset()
    assert candidate.gender is None


def test_the_engine_ranks_the_converted_candidates(make_therapist):
    bergen = make_therapist(focus=("alkohol",), modes=("oppmote",), place="Bergen")
    make_therapist(focus=("cannabis",), modes=("oppmote",), place="Oslo")
    request = engine.MatchRequest(
        substances=frozenset({"alkohol"}), meeting_modes=frozenset({"oppmote"}), place="bergen"
    )
    result = engine.rank(request, candidates(week_start=MONDAY))
    assert [s.therapist_id for s in result.ranked] == [bergen.pk]


def test_it_needs_the_same_queries_for_any_number_of_therapists(make_therapist, django_assert_num_queries):
    # Five for the profiles, eight for the calendar (new clients, first-talk type, who offers it, the schedule
    # version that keys the cached working rules, working rules, busy time), when they offer first talks.
    from forlop.booking.models import ConsultationType

    first_talk = ConsultationType.objects.get(slug="forstesamtale")
    for _ in range(3):
        first_talk.therapists.add(
            make_therapist(
                focus=("alkohol", "ungdom"), methods=("act",), languages=("nb", "en"), modes=("video",)
            )
        )
    with django_assert_num_queries(13):
        assert len(candidates(week_start=MONDAY)) == 3
    for _ in range(12):
        first_talk.therapists.add(
            make_therapist(
                focus=("alkohol", "ungdom"), methods=("act",), languages=("nb", "en"), modes=("video",)
            )
        )
    with django_assert_num_queries(13):
        assert len(candidates(week_start=MONDAY)) == 15
