"""The matching engine: hard constraints, soft scores, reason texts, ties and properties."""

import dataclasses
import random
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forlop.lib.timezones import OSLO
from forlop.matching.engine import (
    GOOD_CAPACITY_MIN_FREE,
    MAX_WEEKLY_CAPACITY,
    RELATIVES_POINTS,
    SUBSTANCE_POINTS,
    THEME_POINTS,
    Exclusion,
    MatchRequest,
    Suggestion,
    TherapistCandidate,
    rank,
)
from forlop.therapists.vocabulary import MEETING_MODES, METHODS, PARTS_OF_DAY, SUBSTANCES, THEMES, time_slot


def therapist(therapist_id: int = 1, **fields) -> TherapistCandidate:
    """An open, Norwegian-speaking video therapist with no special strengths (score 0, no reasons)."""
    defaults = {
        "name": f"Terapeut {therapist_id}",
        "languages": frozenset({"nb"}),
        "gender": None,
        "meeting_modes": frozenset({"video"}),
        "accepting_new": True,
        "weekly_capacity": 10,
        "booked_this_week": 9,
    }
    return TherapistCandidate(id=therapist_id, **(defaults | fields))


def request(**fields) -> MatchRequest:
    return MatchRequest(**fields)


def fs(*values):
    return frozenset(values)


# --- Hard constraints -------------------------------------------------------------------------------------

EXCLUDED = [
    ("not taking new clients", {}, {"accepting_new": False}, ("Tar ikke imot nye klienter",)),
    (
        "fully booked",
        {},
        {"weekly_capacity": 6, "booked_this_week": 6},
        ("Ingen ledig kapasitet denne uken",),
    ),
    ("overbooked", {}, {"weekly_capacity": 6, "booked_this_week": 7}, ("Ingen ledig kapasitet denne uken",)),
    (
        "no weekly capacity",
        {},
        {"weekly_capacity": 0, "booked_this_week": 0},
        ("Ingen ledig kapasitet denne uken",),
    ),
    (
        "speaks none of the languages",
        {"languages": fs("nb", "en")},
        {"languages": fs("pl")},
        ("Snakker ikke norsk eller engelsk",),
    ),
    (
        "speaks none of three languages",
        {"languages": fs("pl", "en", "nb")},
        {"languages": fs("ar", "so")},
        ("Snakker ikke norsk, engelsk eller polsk",),
    ),
    (
        "offers none of the remote modes",
        {"meeting_modes": fs("telefon", "video")},
        {"meeting_modes": fs("oppmote"), "places": fs("Bergen")},
        ("Tilbyr ikke videosamtale eller telefonsamtale",),
    ),
    (
        "meets in person elsewhere",
        {"meeting_modes": fs("oppmote"), "place": "Bergen"},
        {"meeting_modes": fs("oppmote", "video"), "places": fs("Oslo")},
        ("Tilbyr ikke oppmøte i Bergen",),
    ),
    (
        "neither video nor in person at the place",
        {"meeting_modes": fs("video", "oppmote"), "place": "Bergen"},
        {"meeting_modes": fs("telefon", "oppmote"), "places": fs("Oslo")},
        ("Tilbyr ikke videosamtale eller oppmøte i Bergen",),
    ),
    (
        "lists the place but does not meet in person",
        {"meeting_modes": fs("oppmote"), "place": "Bergen"},
        {"meeting_modes": fs("video"), "places": fs("Bergen")},
        ("Tilbyr ikke oppmøte i Bergen",),
    ),
    (
        "no in-person meetings anywhere",
        {"meeting_modes": fs("oppmote")},
        {"meeting_modes": fs("video")},
        ("Tilbyr ikke oppmøte",),
    ),
    (
        "required woman, therapist is a man",
        {"gender_preference": "kvinne", "gender_required": True},
        {"gender": "mann"},
        ("Ønsket en kvinnelig terapeut",),
    ),
    (
        "required man, gender not stated",
        {"gender_preference": "mann", "gender_required": True},
        {"gender": None},
        ("Ønsket en mannlig terapeut",),
    ),
    (
        "required neither woman nor man",
        {"gender_preference": "annet", "gender_required": True},
        {"gender": "kvinne"},
        ("Ønsket en terapeut som verken er kvinne eller mann",),
    ),
    (
        "no substance or theme in common",
        {"substances": fs("alkohol")},
        {"focus_substances": fs("ghb")},
        ("Jobber ikke med alkohol",),
    ),
    (
        "needs medical detox",
        {"needs_medical_detox": True, "doctor_review": True},
        {"medical_detox": False, "authorised": True},
        ("Tilbyr ikke medisinsk støttet avrusning",),
    ),
    (
        "everything wrong at once, listed in a fixed order",
        {
            "substances": fs("ghb"),
            "languages": fs("en"),
            "meeting_modes": fs("oppmote"),
            "place": "Tromsø",
            "gender_preference": "kvinne",
            "gender_required": True,
            "doctor_review": True,
            "needs_medical_detox": True,
        },
        {"accepting_new": False, "booked_this_week": 10, "gender": "mann"},
        (
            "Jobber ikke med GHB",
            "Ikke autorisert helsepersonell",
            "Tar ikke imot nye klienter",
            "Ingen ledig kapasitet denne uken",
            "Snakker ikke engelsk",
            "Tilbyr ikke oppmøte i Tromsø",
            "Ønsket en kvinnelig terapeut",
            "Tilbyr ikke medisinsk støttet avrusning",
        ),
    ),
]


@pytest.mark.parametrize(
    ("wish", "candidate", "reasons"), [case[1:] for case in EXCLUDED], ids=[case[0] for case in EXCLUDED]
)
def test_it_excludes_therapists_failing_a_hard_constraint_and_says_why(wish, candidate, reasons):
    result = rank(request(**wish), [therapist(7, **candidate)])

    assert result.ranked == ()
    assert result.excluded == (Exclusion(7, reasons),)
    assert result.matched_count == 0


ACCEPTED = [
    ("one shared language is enough", {"languages": fs("nb", "en")}, {"languages": fs("en", "pl")}),
    ("no language wish", {}, {"languages": fs("so")}),
    ("one shared meeting mode is enough", {"meeting_modes": fs("video", "telefon")}, {}),
    ("no meeting mode wish", {}, {"meeting_modes": fs("telefon")}),
    (
        "place compared without case or extra spaces",
        {"meeting_modes": fs("oppmote"), "place": "  bergen "},
        {"meeting_modes": fs("oppmote"), "places": fs("Oslo", "Bergen")},
    ),
    (
        "in person without a place: anywhere will do",
        {"meeting_modes": fs("oppmote")},
        {"meeting_modes": fs("oppmote"), "places": fs("Bodø")},
    ),
    ("place is ignored when not meeting in person", {"meeting_modes": fs("video"), "place": "Bergen"}, {}),
    ("preferred gender that is not required", {"gender_preference": "kvinne"}, {"gender": "mann"}),
    ("required gender met", {"gender_preference": "annet", "gender_required": True}, {"gender": "annet"}),
    (
        "detox offered by authorised personnel",
        {"needs_medical_detox": True, "doctor_review": True},
        {"medical_detox": True, "authorised": True},
    ),
    ("one session left this week", {}, {"weekly_capacity": 3, "booked_this_week": 2}),
]


@pytest.mark.parametrize(
    ("wish", "candidate"), [case[1:] for case in ACCEPTED], ids=[case[0] for case in ACCEPTED]
)
def test_it_keeps_therapists_meeting_the_hard_constraints(wish, candidate):
    result = rank(request(**wish), [therapist(7, **candidate)])

    assert [suggestion.therapist_id for suggestion in result.ranked] == [7]
    assert result.excluded == ()


# --- Soft scores and reason texts -------------------------------------------------------------------------

SLOTS_FIVE = fs((0, "morgen"), (1, "ettermiddag"), (2, "kveld"), (3, "kveld"), (5, "formiddag"))

SCORED = [
    (
        "one substance",
        {"substances": fs("alkohol")},
        {"focus_substances": fs("alkohol", "cannabis")},
        12,
        ("Jobber med alkohol",),
    ),
    (
        "substances and a theme, in vocabulary order",
        {"substances": fs("cannabis", "alkohol"), "themes": fs("parorende")},
        {"focus_substances": fs("alkohol", "cannabis"), "focus_themes": fs("parorende", "ungdom")},
        34,
        ("Jobber med alkohol, cannabis og pårørende",),
    ),
    (
        "a relative asking about alcohol",
        {"substances": fs("alkohol"), "for_relative": True},
        {"focus_substances": fs("alkohol"), "focus_themes": fs("parorende")},
        24,
        ("Jobber med alkohol og pårørende",),
    ),
    (
        "relatives' work counts once even when also chosen as a theme",
        {"for_relative": True, "themes": fs("parorende")},
        {"focus_themes": fs("parorende")},
        12,
        ("Jobber med pårørende",),
    ),
    (
        "relatives as a theme for someone asking for themself",
        {"themes": fs("parorende")},
        {"focus_themes": fs("parorende")},
        10,
        ("Jobber med pårørende",),
    ),
    (
        "labels with their own words",
        {"substances": fs("benzodiazepiner", "spill"), "themes": fs("angst_depresjon")},
        {"focus_substances": fs("benzodiazepiner", "spill"), "focus_themes": fs("angst_depresjon")},
        34,
        ("Jobber med benzodiazepiner/sovemedisin, spilleproblemer og angst og depresjon",),
    ),
    (
        "one method",
        {"methods": fs("motiverende_intervju")},
        {"methods": fs("motiverende_intervju", "act")},
        3,
        ("Bruker motiverende intervju",),
    ),
    (
        "at most three methods count, all are named",
        {"methods": fs("kognitiv_terapi", "motiverende_intervju", "act", "traumebehandling")},
        {"methods": fs("kognitiv_terapi", "motiverende_intervju", "act", "traumebehandling")},
        9,
        (
            "Bruker kognitiv terapi, motiverende intervju, aksept- og forpliktelsesterapi (ACT) og "
            "traumebehandling",
        ),
    ),
    (
        "speaks a requested language besides Norwegian",
        {"languages": fs("nb", "en")},
        {"languages": fs("nb", "en")},
        2,
        ("Snakker engelsk",),
    ),
    ("Norwegian alone earns nothing", {"languages": fs("nb", "en")}, {"languages": fs("nb")}, 0, ()),
    (
        "two extra languages",
        {"languages": fs("pl", "en")},
        {"languages": fs("en", "pl", "nb")},
        4,
        ("Snakker engelsk og polsk",),
    ),
    (
        "one preferred time free",
        {"preferred_times": fs((1, "ettermiddag"), (4, "morgen"))},
        {"free_slots": fs((1, "ettermiddag"), (2, "kveld"))},
        2,
        ("Har ledige timer tirsdag ettermiddag",),
    ),
    (
        "four preferred times are all named, three count",
        {"preferred_times": SLOTS_FIVE - {(2, "kveld")}},
        {"free_slots": SLOTS_FIVE},
        6,
        ("Har ledige timer mandag morgen, tirsdag ettermiddag, torsdag kveld og lørdag formiddag",),
    ),
    (
        "five preferred times are summarised",
        {"preferred_times": SLOTS_FIVE},
        {"free_slots": SLOTS_FIVE | {(6, "kveld")}},
        6,
        ("Har ledige timer mandag morgen, tirsdag ettermiddag, onsdag kveld og 2 andre ønskede tider",),
    ),
    ("free today", {}, {"earliest_free_days": 0}, 3, ("Ledig tid i dag",)),
    ("free tomorrow", {}, {"earliest_free_days": 1}, 3, ("Ledig tid i morgen",)),
    ("free within two days", {}, {"earliest_free_days": 2}, 3, ("Ledig tid innen 2 dager",)),
    ("free within three days", {}, {"earliest_free_days": 3}, 2, ("Ledig tid innen 3 dager",)),
    ("free within four days", {}, {"earliest_free_days": 4}, 2, ("Ledig tid innen 4 dager",)),
    ("free within five days", {}, {"earliest_free_days": 5}, 1, ("Ledig tid innen 5 dager",)),
    ("free within a week", {}, {"earliest_free_days": 7}, 1, ("Ledig tid innen 7 dager",)),
    ("first free time too far off to mention", {}, {"earliest_free_days": 8}, 0, ()),
    ("availability not known", {}, {"earliest_free_days": None}, 0, ()),
    (
        "preferred gender, not required",
        {"gender_preference": "kvinne"},
        {"gender": "kvinne"},
        4,
        ("Kvinnelig terapeut, som ønsket",),
    ),
    (
        "required gender",
        {"gender_preference": "mann", "gender_required": True},
        {"gender": "mann"},
        4,
        ("Mannlig terapeut, som ønsket",),
    ),
    (
        "neither woman nor man, as preferred",
        {"gender_preference": "annet"},
        {"gender": "annet"},
        4,
        ("Verken kvinne eller mann, som ønsket",),
    ),
    (
        "in person at the requested place is mentioned",
        {"meeting_modes": fs("video", "oppmote"), "place": "Bergen"},
        {"meeting_modes": fs("video", "oppmote"), "places": fs("bergen")},
        0,
        ("Tilbyr oppmøte i Bergen",),
    ),
    (
        "video only when in person was also possible: nothing to mention",
        {"meeting_modes": fs("video", "oppmote"), "place": "Bergen"},
        {"meeting_modes": fs("video")},
        0,
        (),
    ),
    (
        "medical detox is mentioned when needed",
        {"needs_medical_detox": True, "doctor_review": True},
        {"medical_detox": True, "authorised": True},
        0,
        ("Tilbyr medisinsk støttet avrusning",),
    ),
    ("medical detox is not mentioned otherwise", {}, {"medical_detox": True}, 0, ()),
    (
        "half the week free is good capacity",
        {},
        {"weekly_capacity": 10, "booked_this_week": 5},
        0,
        ("Har god kapasitet denne uken",),
    ),
    ("less than half free is not", {}, {"weekly_capacity": 10, "booked_this_week": 6}, 0, ()),
    (
        "a small week needs a few free sessions",
        {},
        {"weekly_capacity": GOOD_CAPACITY_MIN_FREE - 1, "booked_this_week": 0},
        0,
        (),
    ),
    (
        "everything, in order of importance",
        {
            "substances": fs("alkohol"),
            "for_relative": True,
            "languages": fs("nb", "en"),
            "meeting_modes": fs("video", "oppmote"),
            "place": "Bergen",
            "gender_preference": "kvinne",
            "methods": fs("motiverende_intervju"),
            "preferred_times": fs((1, "ettermiddag")),
            "doctor_review": True,
            "needs_medical_detox": True,
        },
        {
            "languages": fs("nb", "en"),
            "gender": "kvinne",
            "meeting_modes": fs("oppmote"),
            "places": fs("Bergen"),
            "focus_substances": fs("alkohol"),
            "focus_themes": fs("parorende"),
            "methods": fs("motiverende_intervju"),
            "medical_detox": True,
            "authorised": True,
            "free_slots": fs((1, "ettermiddag")),
            "earliest_free_days": 3,
            "weekly_capacity": 12,
            "booked_this_week": 4,
        },
        12 + 12 + 3 + 2 + 2 + 4 + 2,
        (
            "Jobber med alkohol og pårørende",
            "Bruker motiverende intervju",
            "Snakker engelsk",
            "Kvinnelig terapeut, som ønsket",
            "Tilbyr oppmøte i Bergen",
            "Tilbyr medisinsk støttet avrusning",
            "Har ledige timer tirsdag ettermiddag",
            "Ledig tid innen 3 dager",
            "Har god kapasitet denne uken",
        ),
    ),
]


@pytest.mark.parametrize(
    ("wish", "candidate", "score", "reasons"), [case[1:] for case in SCORED], ids=[case[0] for case in SCORED]
)
def test_it_scores_soft_matches_and_explains_them_in_norwegian(wish, candidate, score, reasons):
    result = rank(request(**wish), [therapist(3, **candidate)])

    assert result.ranked == (Suggestion(3, score, reasons),)
    assert all(type(reason) is str for reason in result.ranked[0].reasons)


ALL_TIMES = fs((0, "morgen"), (0, "kveld"), (1, "morgen"), (2, "morgen"))
ALL_METHODS = fs("kognitiv_terapi", "act", "familieterapi", "gruppeterapi")


@pytest.mark.parametrize(
    "strengths",
    [{"free_slots": ALL_TIMES, "earliest_free_days": 0}, {"methods": ALL_METHODS}],
    ids=["all convenience", "all method wishes"],
)
def test_it_puts_a_single_focus_match_above_convenience_or_method_wishes(strengths):
    wish = request(
        substances=fs("alkohol"), themes=fs("traumer"), methods=ALL_METHODS, preferred_times=ALL_TIMES
    )
    alcohol = fs("alkohol")

    result = rank(
        wish,
        [
            therapist(1, focus_substances=alcohol, **strengths),
            therapist(2, focus_substances=alcohol, focus_themes=fs("traumer")),
        ],
    )

    assert [s.therapist_id for s in result.ranked] == [2, 1]


# --- Ties and order ---------------------------------------------------------------------------------------

ALCOHOL = fs("alkohol")
TIES = [
    (
        "higher score wins over spare capacity",
        [
            therapist(1, focus_themes=fs("ungdom"), weekly_capacity=20, booked_this_week=0),
            therapist(2, focus_substances=ALCOHOL),
        ],
        [2, 1],
    ),
    (
        "equal scores: more fit first, whatever the capacity",
        [
            therapist(
                1, focus_themes=fs("ungdom"), earliest_free_days=0, weekly_capacity=20, booked_this_week=0
            ),
            therapist(2, focus_themes=fs("ungdom"), earliest_free_days=0, authorised=True),
            therapist(3, focus_substances=ALCOHOL, earliest_free_days=7),
        ],
        [3, 2, 1],
    ),
    (
        "equal scores and fit: authorised health personnel first, whatever the capacity",
        [
            therapist(1, focus_substances=ALCOHOL, weekly_capacity=20, booked_this_week=0),
            therapist(2, focus_substances=ALCOHOL, authorised=True),
        ],
        [2, 1],
    ),
    (
        "equal scores, fit and authorisation: more spare capacity first",
        [
            therapist(1, focus_substances=ALCOHOL, weekly_capacity=10, booked_this_week=8),
            therapist(2, focus_substances=ALCOHOL, weekly_capacity=10, booked_this_week=2),
            therapist(3, focus_substances=ALCOHOL, weekly_capacity=5, booked_this_week=1),
        ],
        [2, 3, 1],
    ),
    (
        "all else equal: lowest id first",
        [
            therapist(30, focus_substances=ALCOHOL),
            therapist(4, focus_substances=ALCOHOL),
            therapist(17, focus_substances=ALCOHOL),
        ],
        [4, 17, 30],
    ),
]


@pytest.mark.parametrize(("candidates", "order"), [case[1:] for case in TIES], ids=[case[0] for case in TIES])
def test_it_breaks_ties_by_fit_then_authorisation_then_spare_capacity_then_id(candidates, order):
    result = rank(request(substances=ALCOHOL, themes=fs("ungdom")), candidates)

    assert [s.therapist_id for s in result.ranked] == order


def test_it_lists_exclusions_by_id():
    result = rank(
        request(), [therapist(9, accepting_new=False), therapist(2, accepting_new=False), therapist(5)]
    )

    assert [e.therapist_id for e in result.excluded] == [2, 9]


def test_it_returns_the_best_up_to_the_limit_and_counts_all_matches():
    candidates = [therapist(i, weekly_capacity=10, booked_this_week=i) for i in range(1, 6)]

    result = rank(request(), candidates, limit=2)

    assert [s.therapist_id for s in result.ranked] == [1, 2]
    assert result.matched_count == 5
    assert rank(request(), candidates, limit=0).ranked == ()


def test_it_accepts_any_iterable_of_candidates():
    result = rank(request(), (therapist(i) for i in (3, 1, 2)))

    assert [s.therapist_id for s in result.ranked] == [1, 2, 3]


# --- Time slots from free times ---------------------------------------------------------------------------

SLOTS = [
    (datetime(2026, 3, 2, 5, 59, tzinfo=OSLO), None),
    (datetime(2026, 3, 2, 6, 0, tzinfo=OSLO), (0, "morgen")),
    (datetime(2026, 3, 2, 8, 59, tzinfo=OSLO), (0, "morgen")),
    (datetime(2026, 3, 2, 9, 0, tzinfo=OSLO), (0, "formiddag")),
    (datetime(2026, 3, 3, 12, 0, tzinfo=OSLO), (1, "ettermiddag")),
    (datetime(2026, 3, 3, 16, 59, tzinfo=OSLO), (1, "ettermiddag")),
    (datetime(2026, 3, 29, 17, 0, tzinfo=OSLO), (6, "kveld")),  # the spring DST day, a Sunday
    (datetime(2026, 3, 29, 21, 59, tzinfo=OSLO), (6, "kveld")),
    (datetime(2026, 3, 29, 22, 0, tzinfo=OSLO), None),
]


@pytest.mark.parametrize(("local_start", "slot"), SLOTS, ids=[str(case[0]) for case in SLOTS])
def test_it_places_a_free_time_in_its_weekday_and_part_of_day(local_start, slot):
    assert time_slot(local_start) == slot


# --- Bad input fails loudly -------------------------------------------------------------------------------

BAD_REQUESTS = [
    ("unknown substance", {"substances": fs("kaffe")}),
    ("theme given as substance", {"substances": fs("traumer")}),
    ("substance given as theme", {"themes": fs("alkohol")}),
    ("unknown language", {"languages": fs("klingon")}),
    ("unknown meeting mode", {"meeting_modes": fs("brev")}),
    ("unknown method", {"methods": fs("hypnose")}),
    ("unknown gender", {"gender_preference": "ukjent"}),
    ("required gender without a preference", {"gender_required": True}),
    ("weekday out of range", {"preferred_times": fs((7, "kveld"))}),
    ("unknown part of day", {"preferred_times": fs((1, "natt"))}),
]


@pytest.mark.parametrize("fields", [case[1] for case in BAD_REQUESTS], ids=[case[0] for case in BAD_REQUESTS])
def test_it_rejects_requests_outside_the_vocabulary(fields):
    with pytest.raises(ValueError):
        MatchRequest(**fields)


BAD_CANDIDATES = [
    ("unknown substance", {"focus_substances": fs("kaffe")}),
    ("unknown theme", {"focus_themes": fs("søvn")}),
    ("unknown language", {"languages": fs("xx")}),
    ("unknown gender", {"gender": "ukjent"}),
    ("negative capacity", {"weekly_capacity": -1}),
    ("capacity beyond any real week", {"weekly_capacity": MAX_WEEKLY_CAPACITY + 1}),
    ("negative bookings", {"booked_this_week": -1}),
    ("negative days to first free time", {"earliest_free_days": -1}),
    ("bad free slot", {"free_slots": fs((0, "natt"))}),
]


@pytest.mark.parametrize(
    "fields", [case[1] for case in BAD_CANDIDATES], ids=[case[0] for case in BAD_CANDIDATES]
)
def test_it_rejects_candidates_outside_the_vocabulary(fields):
    with pytest.raises(ValueError):
        therapist(1, **fields)


@pytest.mark.parametrize("therapist_id", [-1, 2**63])
def test_it_rejects_ids_outside_the_database_range(therapist_id):
    with pytest.raises(ValueError, match="id"):
        therapist(therapist_id)


def test_it_orders_the_extreme_ids_and_capacities_correctly():
    alcohol = fs("alkohol")
    candidates = [
        therapist(
            2**63 - 1, focus_substances=alcohol, weekly_capacity=MAX_WEEKLY_CAPACITY, booked_this_week=0
        ),
        therapist(0, focus_substances=alcohol, weekly_capacity=MAX_WEEKLY_CAPACITY, booked_this_week=0),
        therapist(
            5,
            focus_substances=alcohol,
            weekly_capacity=MAX_WEEKLY_CAPACITY,
            booked_this_week=MAX_WEEKLY_CAPACITY - 1,
            authorised=True,
        ),
        therapist(2**62, focus_substances=fs("alkohol", "cannabis"), focus_themes=fs("ungdom")),
    ]

    result = rank(request(substances=fs("alkohol", "cannabis"), themes=fs("ungdom")), candidates)

    assert [(s.therapist_id, s.score) for s in result.ranked] == [
        (2**62, 34),
        (5, 12),
        (0, 12),
        (2**63 - 1, 12),
    ]


def test_it_rejects_duplicate_ids_and_negative_limits():
    with pytest.raises(ValueError, match="unique"):
        rank(request(), [therapist(1), therapist(1, gender="mann")])
    with pytest.raises(ValueError, match="limit"):
        rank(request(), [therapist(1)], limit=-1)


# --- Properties -------------------------------------------------------------------------------------------

LANGUAGE_POOL = ["nb", "en", "pl", "ar"]
PLACE_POOL = ["Oslo", "Bergen", "bergen", "Tromsø"]
SLOT_POOL = st.tuples(st.integers(0, 6), st.sampled_from(list(PARTS_OF_DAY)))


def subsets(pool, max_size=3):
    return st.frozensets(st.sampled_from(list(pool)), max_size=max_size)


candidate_fields = st.fixed_dictionaries(
    {
        "languages": subsets(LANGUAGE_POOL),
        "gender": st.sampled_from(["kvinne", "mann", "annet", None]),
        "meeting_modes": subsets(MEETING_MODES),
        "places": subsets(PLACE_POOL, 2),
        "accepting_new": st.booleans(),
        "weekly_capacity": st.integers(0, 6),
        "booked_this_week": st.integers(0, 7),
        "focus_substances": subsets(SUBSTANCES),
        "focus_themes": subsets(THEMES),
        "methods": subsets(METHODS),
        "medical_detox": st.booleans(),
        "authorised": st.booleans(),
        "free_slots": st.frozensets(SLOT_POOL, max_size=5),
        "earliest_free_days": st.none() | st.integers(0, 10),
    }
)


@st.composite
def candidate_lists(draw, max_size=6):
    fields = draw(st.lists(candidate_fields, max_size=max_size))
    ids = draw(st.lists(st.integers(0, 10_000), min_size=len(fields), max_size=len(fields), unique=True))
    return [TherapistCandidate(id=i, name=f"T{i}", **f) for i, f in zip(ids, fields, strict=True)]


@st.composite
def requests(draw):
    gender = draw(st.sampled_from(["kvinne", "mann", "annet", None]))
    return MatchRequest(
        substances=draw(subsets(SUBSTANCES)),
        themes=draw(subsets(THEMES, 2)),
        for_relative=draw(st.booleans()),
        languages=draw(subsets(LANGUAGE_POOL, 2)),
        meeting_modes=draw(subsets(MEETING_MODES, 2)),
        place=draw(st.none() | st.sampled_from(PLACE_POOL)),
        gender_preference=gender,
        gender_required=gender is not None and draw(st.booleans()),
        methods=draw(subsets(METHODS)),
        preferred_times=draw(st.frozensets(SLOT_POOL, max_size=5)),
        doctor_review=draw(st.booleans()),
        residential_likely=draw(st.booleans()),
        needs_medical_detox=draw(st.booleans()),
    )


def violates_a_hard_constraint(wish: MatchRequest, candidate: TherapistCandidate) -> bool:
    """The rules from the issue, written out plainly with sets as an independent check on the engine."""
    in_person_ok = "oppmote" in wish.meeting_modes and "oppmote" in candidate.meeting_modes
    if in_person_ok and wish.place is not None:
        in_person_ok = wish.place.casefold() in {place.casefold() for place in candidate.places}
    meeting_ok = (
        not wish.meeting_modes
        or bool(wish.meeting_modes & candidate.meeting_modes - {"oppmote"})
        or in_person_ok
    )
    focus_wanted = wish.substances | wish.themes | ({"parorende"} if wish.for_relative else set())
    focus = candidate.focus_substances | candidate.focus_themes
    flagged = wish.doctor_review or wish.residential_likely or wish.needs_medical_detox
    medical_substances = wish.substances - {"spill"} or wish.substances
    return (
        bool(focus_wanted and not focus_wanted & focus)
        or (flagged and not candidate.authorised)
        or (flagged and bool(medical_substances) and not medical_substances & candidate.focus_substances)
        or not candidate.accepting_new
        or candidate.booked_this_week >= candidate.weekly_capacity
        or bool(wish.languages and not wish.languages & candidate.languages)
        or not meeting_ok
        or (wish.gender_required and candidate.gender != wish.gender_preference)
        or (wish.needs_medical_detox and not wish.residential_likely and not candidate.medical_detox)
    )


def fit_points(wish: MatchRequest, candidate: TherapistCandidate) -> int:
    """Points from what the therapist works with alone (substances, themes, relatives' work)."""
    themes = wish.themes - ({"parorende"} if wish.for_relative else set())
    return (
        SUBSTANCE_POINTS * len(wish.substances & candidate.focus_substances)
        + THEME_POINTS * len(themes & candidate.focus_themes)
        + (RELATIVES_POINTS if wish.for_relative and "parorende" in candidate.focus_themes else 0)
    )


PROPERTY_SETTINGS = settings(max_examples=200, deadline=None)


@PROPERTY_SETTINGS
@given(requests(), candidate_lists())
def test_it_ranks_exactly_the_therapists_meeting_every_hard_constraint(wish, candidates):
    result = rank(wish, candidates)

    ranked = {s.therapist_id for s in result.ranked}
    excluded = {e.therapist_id for e in result.excluded}
    assert ranked == {c.id for c in candidates if not violates_a_hard_constraint(wish, c)}
    assert ranked | excluded == {c.id for c in candidates}
    assert not ranked & excluded
    assert result.matched_count == len(ranked)
    assert all(e.reasons for e in result.excluded)


@PROPERTY_SETTINGS
@given(requests(), candidate_lists())
def test_it_orders_by_score_fit_authorisation_spare_capacity_then_id_and_never_goes_negative(
    wish, candidates
):
    by_id = {c.id: c for c in candidates}

    keys = [
        (
            -s.score,
            -fit_points(wish, by_id[s.therapist_id]),
            not by_id[s.therapist_id].authorised,
            -(by_id[s.therapist_id].weekly_capacity - by_id[s.therapist_id].booked_this_week),
            s.therapist_id,
        )
        for s in rank(wish, candidates).ranked
    ]

    assert keys == sorted(keys)
    assert all(-key[0] >= 0 for key in keys)


@PROPERTY_SETTINGS
@given(requests(), candidate_lists(), st.randoms(use_true_random=False))
def test_it_gives_the_same_result_whatever_the_input_order(wish, candidates, rnd):
    shuffled = list(candidates)
    rnd.shuffle(shuffled)

    assert rank(wish, shuffled) == rank(wish, candidates)
    assert rank(wish, candidates) == rank(wish, candidates)


@PROPERTY_SETTINGS
@given(requests(), candidate_lists(max_size=5), candidate_fields, st.integers(10_001, 20_000))
def test_it_keeps_the_others_order_and_scores_when_a_therapist_is_added(wish, candidates, fields, new_id):
    newcomer = TherapistCandidate(id=new_id, name="Ny", **fields)
    before = rank(wish, candidates).ranked

    after = rank(wish, [*candidates, newcomer]).ranked

    assert [s for s in after if s.therapist_id != new_id] == list(before)
    if violates_a_hard_constraint(wish, newcomer):
        assert after == before


@PROPERTY_SETTINGS
@given(requests(), candidate_lists(), st.integers(0, 10))
def test_it_returns_a_prefix_of_the_full_ranking_within_the_limit(wish, candidates, limit):
    full = rank(wish, candidates)

    limited = rank(wish, candidates, limit=limit)

    assert limited.ranked == full.ranked[:limit]
    assert limited.excluded == full.excluded
    assert limited.matched_count == full.matched_count


def test_it_ranks_a_realistic_practice_the_same_way_every_time():
    rng = random.Random(4)
    base = therapist(1, languages=fs("nb", "en"), meeting_modes=fs("video", "oppmote"), places=fs("Bergen"))
    candidates = [
        dataclasses.replace(
            base,
            id=therapist_id,
            focus_substances=fs(*rng.sample(list(SUBSTANCES), 2)),
            weekly_capacity=10,
            booked_this_week=rng.randint(0, 10),
            earliest_free_days=rng.randint(0, 9),
        )
        for therapist_id in range(1, 41)
    ]
    wish = request(substances=fs("alkohol", "cannabis"), meeting_modes=fs("oppmote"), place="Bergen")

    results = {rank(wish, order) for order in (candidates, candidates[::-1], sorted(candidates, key=hash))}

    assert len({result.ranked for result in results}) == 1
