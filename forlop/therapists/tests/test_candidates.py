import datetime

import pytest

from forlop.matching import engine
from forlop.therapists.models import Therapist
from forlop.therapists.services import candidates

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
    )


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
    # Five for the profiles, seven for the calendar (new clients, first-talk type, who offers it, working
    # rules, busy time), when they offer first talks; fewer when nobody does.
    from forlop.booking.models import ConsultationType

    first_talk = ConsultationType.objects.get(slug="forstesamtale")
    for _ in range(3):
        first_talk.therapists.add(
            make_therapist(
                focus=("alkohol", "ungdom"), methods=("act",), languages=("nb", "en"), modes=("video",)
            )
        )
    with django_assert_num_queries(12):
        assert len(candidates(week_start=MONDAY)) == 3
    for _ in range(12):
        first_talk.therapists.add(
            make_therapist(
                focus=("alkohol", "ungdom"), methods=("act",), languages=("nb", "en"), modes=("video",)
            )
        )
    with django_assert_num_queries(12):
        assert len(candidates(week_start=MONDAY)) == 15
