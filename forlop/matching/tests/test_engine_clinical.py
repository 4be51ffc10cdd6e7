"""The engine's clinical safety (issue 9): medically flagged requests go only to authorised health personnel
with the relevant competence, nobody without any fit is suggested, ties break on fit before capacity, and a
request that likely belongs in a residential unit is never told "Tilbyr medisinsk støttet avrusning"."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forlop.matching.engine import (
    RELATIVES_POINTS,
    SUBSTANCE_POINTS,
    THEME_POINTS,
    Exclusion,
    MatchRequest,
    Suggestion,
    TherapistCandidate,
    rank,
)
from forlop.matching.tests.test_engine import (
    PROPERTY_SETTINGS,
    candidate_lists,
    fit_points,
    fs,
    request,
    requests,
    therapist,
)

DETOX_REASON = "Tilbyr medisinsk støttet avrusning"
RESIDENTIAL_REASON = "Kan hjelpe deg videre til døgnavrusning"
NOT_AUTHORISED = "Ikke autorisert helsepersonell"


def ranked_ids(result) -> list[int]:
    return [suggestion.therapist_id for suggestion in result.ranked]


# --- The examples ---------------------------------------------------------------------------------


def test_it_never_puts_a_gambling_therapist_without_hpr_on_top_of_a_risky_alcohol_profile():
    risky_alcohol = request(substances=fs("alkohol"), doctor_review=True)
    gambling = therapist(1, focus_substances=fs("spill"), weekly_capacity=20, booked_this_week=0)
    psychologist = therapist(2, focus_substances=fs("alkohol"), authorised=True)

    result = rank(risky_alcohol, [gambling, psychologist])

    assert ranked_ids(result) == [2]
    assert result.excluded == (Exclusion(1, ("Jobber ikke med alkohol", NOT_AUTHORISED)),)


def test_it_never_suggests_a_therapist_with_no_substance_or_goal_fit():
    wish = request(substances=fs("alkohol"), themes=fs("traumer"))
    no_fit = therapist(1, focus_substances=fs("spill"), weekly_capacity=20, booked_this_week=0)

    result = rank(wish, [no_fit])

    assert result.ranked == ()
    assert result.excluded == (Exclusion(1, ("Jobber ikke med alkohol eller traumer",)),)


def test_it_breaks_a_tie_on_fit_before_spare_capacity():
    # Same score (12): one works with alcohol; the other works with trauma (10) and is free at the wished
    # time (2), with far more room this week. Who the therapist works with decides, not how empty a week is.
    wish = request(substances=fs("alkohol"), themes=fs("traumer"), preferred_times=fs((1, "kveld")))
    alcohol = therapist(1, focus_substances=fs("alkohol"))
    roomy = therapist(
        2, focus_themes=fs("traumer"), free_slots=fs((1, "kveld")), weekly_capacity=20, booked_this_week=0
    )

    result = rank(wish, [roomy, alcohol])

    assert [(s.therapist_id, s.score) for s in result.ranked] == [(1, 12), (2, 12)]


def test_it_puts_authorised_health_personnel_first_when_score_and_fit_are_equal():
    wish = request(substances=fs("alkohol"))
    certified = therapist(1, focus_substances=fs("alkohol"), weekly_capacity=20, booked_this_week=0)
    psychologist = therapist(2, focus_substances=fs("alkohol"), authorised=True)

    assert ranked_ids(rank(wish, [certified, psychologist])) == [2, 1]


# --- Hard constraints for flagged requests, table-driven --------------------------------------------------

FLAGGED_EXCLUDED = [
    (
        "doctor review: not authorised",
        {"substances": fs("alkohol"), "doctor_review": True},
        {"focus_substances": fs("alkohol")},
        (NOT_AUTHORISED,),
    ),
    (
        "doctor review: authorised, but no competence in the substance",
        {"substances": fs("ghb"), "themes": fs("angst_depresjon"), "doctor_review": True},
        {"authorised": True, "focus_themes": fs("angst_depresjon")},
        ("Jobber ikke med GHB",),
    ),
    (
        "doctor review: gambling is not the competence a medical flag asks for",
        {"substances": fs("alkohol", "spill"), "doctor_review": True},
        {"authorised": True, "focus_substances": fs("spill")},
        ("Jobber ikke med alkohol",),
    ),
    (
        "doctor review: several substances listed with 'eller'",
        {"substances": fs("benzodiazepiner", "alkohol"), "doctor_review": True},
        {"authorised": True, "focus_substances": fs("cannabis")},
        ("Jobber ikke med alkohol eller benzodiazepiner/sovemedisin",),
    ),
    (
        "doctor review: no fit at all, and not authorised",
        {"substances": fs("ghb"), "doctor_review": True},
        {"focus_substances": fs("spill")},
        ("Jobber ikke med GHB", NOT_AUTHORISED),
    ),
    (
        "residential likely implies the medical gate",
        {"substances": fs("ghb"), "residential_likely": True},
        {"focus_substances": fs("ghb")},
        (NOT_AUTHORISED,),
    ),
    (
        "outpatient detox implies the medical gate",
        {"substances": fs("alkohol"), "needs_medical_detox": True},
        {"focus_substances": fs("alkohol"), "medical_detox": True},
        (NOT_AUTHORISED,),
    ),
    (
        "outpatient detox may be safe: detox is required",
        {"substances": fs("alkohol"), "doctor_review": True, "needs_medical_detox": True},
        {"authorised": True, "focus_substances": fs("alkohol")},
        ("Tilbyr ikke medisinsk støttet avrusning",),
    ),
    (
        "no fit: themes and relatives' work are listed too",
        {"substances": fs("cannabis"), "themes": fs("traumer"), "for_relative": True},
        {"focus_substances": fs("alkohol"), "focus_themes": fs("ungdom")},
        ("Jobber ikke med cannabis, pårørende eller traumer",),
    ),
    (
        "no fit comes before the practical reasons",
        {"substances": fs("alkohol"), "languages": fs("en")},
        {"accepting_new": False},
        ("Jobber ikke med alkohol", "Tar ikke imot nye klienter", "Snakker ikke engelsk"),
    ),
]


@pytest.mark.parametrize(
    ("wish", "candidate", "reasons"),
    [case[1:] for case in FLAGGED_EXCLUDED],
    ids=[case[0] for case in FLAGGED_EXCLUDED],
)
def test_it_excludes_therapists_a_flagged_or_focused_request_must_not_get_and_says_why(
    wish, candidate, reasons
):
    result = rank(request(**wish), [therapist(7, **candidate)])

    assert result.ranked == ()
    assert result.excluded == (Exclusion(7, reasons),)


FLAGGED_SCORED = [
    (
        "doctor review: authorised and competent, no detox reason",
        {"substances": fs("alkohol"), "doctor_review": True},
        {"authorised": True, "focus_substances": fs("alkohol"), "medical_detox": True},
        SUBSTANCE_POINTS,
        ("Jobber med alkohol",),
    ),
    (
        "doctor review: one of several substances is enough competence",
        {"substances": fs("alkohol", "cannabis"), "doctor_review": True},
        {"authorised": True, "focus_substances": fs("cannabis")},
        SUBSTANCE_POINTS,
        ("Jobber med cannabis",),
    ),
    (
        "doctor review for a relative with only gambling asked about: gambling counts",
        {"substances": fs("spill"), "for_relative": True, "doctor_review": True},
        {"authorised": True, "focus_substances": fs("spill"), "focus_themes": fs("parorende")},
        SUBSTANCE_POINTS + RELATIVES_POINTS,
        ("Jobber med spilleproblemer og pårørende",),
    ),
    (
        "outpatient detox may be safe: the detox reason is shown",
        {"substances": fs("alkohol"), "doctor_review": True, "needs_medical_detox": True},
        {"authorised": True, "focus_substances": fs("alkohol"), "medical_detox": True},
        SUBSTANCE_POINTS,
        ("Jobber med alkohol", DETOX_REASON),
    ),
    (
        "residential likely: helped on to a residential unit, detox not required",
        {"substances": fs("ghb"), "doctor_review": True, "residential_likely": True},
        {"authorised": True, "focus_substances": fs("ghb")},
        SUBSTANCE_POINTS,
        ("Jobber med GHB", RESIDENTIAL_REASON),
    ),
    (
        "residential likely wins over a detox wish: never the detox reason",
        {
            "substances": fs("alkohol"),
            "doctor_review": True,
            "residential_likely": True,
            "needs_medical_detox": True,
        },
        {"authorised": True, "focus_substances": fs("alkohol"), "medical_detox": True},
        SUBSTANCE_POINTS,
        ("Jobber med alkohol", RESIDENTIAL_REASON),
    ),
    (
        "a theme alone is a fit when nothing is flagged",
        {"substances": fs("alkohol"), "themes": fs("traumer")},
        {"focus_themes": fs("traumer")},
        THEME_POINTS,
        ("Jobber med traumer",),
    ),
    (
        "relatives' work alone is a fit for a relative",
        {"substances": fs("alkohol"), "for_relative": True},
        {"focus_themes": fs("parorende")},
        RELATIVES_POINTS,
        ("Jobber med pårørende",),
    ),
    (
        "no focus wished at all: fit is not a constraint",
        {},
        {},
        0,
        (),
    ),
]


@pytest.mark.parametrize(
    ("wish", "candidate", "score", "reasons"),
    [case[1:] for case in FLAGGED_SCORED],
    ids=[case[0] for case in FLAGGED_SCORED],
)
def test_it_keeps_fitting_therapists_and_gives_the_right_medical_reason(wish, candidate, score, reasons):
    result = rank(request(**wish), [therapist(3, **candidate)])

    assert result.ranked == (Suggestion(3, score, reasons),)


def test_a_request_for_a_relative_without_a_flag_does_not_need_authorisation():
    wish = request(substances=fs("alkohol"), for_relative=True)

    result = rank(wish, [therapist(1, focus_themes=fs("parorende"))])

    assert ranked_ids(result) == [1]


# --- Properties -------------------------------------------------------------------------------------------


@st.composite
def flagged_requests(draw):
    wish = draw(requests())
    return MatchRequest(
        substances=wish.substances,
        themes=wish.themes,
        for_relative=wish.for_relative,
        languages=wish.languages,
        meeting_modes=wish.meeting_modes,
        place=wish.place,
        gender_preference=wish.gender_preference,
        gender_required=wish.gender_required,
        methods=wish.methods,
        preferred_times=wish.preferred_times,
        needs_medical_detox=wish.needs_medical_detox,
        doctor_review=True,
        residential_likely=draw(st.booleans()),
    )


def fits(wish: MatchRequest, candidate: TherapistCandidate) -> bool:
    wanted = wish.substances | wish.themes | ({"parorende"} if wish.for_relative else set())
    return bool(wanted & (candidate.focus_substances | candidate.focus_themes))


@PROPERTY_SETTINGS
@given(flagged_requests(), candidate_lists())
def test_a_doctor_review_request_never_ranks_an_unauthorised_or_unfit_therapist(wish, candidates):
    by_id = {c.id: c for c in candidates}
    medical = wish.substances - {"spill"} or wish.substances

    for suggestion in rank(wish, candidates).ranked:
        candidate = by_id[suggestion.therapist_id]
        assert candidate.authorised
        assert not wish.substances or medical & candidate.focus_substances
        assert fits(wish, candidate) or not (wish.substances or wish.themes or wish.for_relative)


@PROPERTY_SETTINGS
@given(requests(), candidate_lists())
def test_a_therapist_with_no_fit_is_never_ranked_when_the_request_names_a_focus(wish, candidates):
    if not (wish.substances or wish.themes or wish.for_relative):
        return
    by_id = {c.id: c for c in candidates}

    assert all(fits(wish, by_id[s.therapist_id]) for s in rank(wish, candidates).ranked)


@PROPERTY_SETTINGS
@given(flagged_requests(), candidate_lists())
def test_residential_likely_never_yields_the_detox_reason_nor_requires_detox(wish, candidates):
    wish = MatchRequest(**{**_fields(wish), "residential_likely": True})

    result = rank(wish, candidates)

    assert all(DETOX_REASON not in s.reasons and RESIDENTIAL_REASON in s.reasons for s in result.ranked)
    assert all("Tilbyr ikke medisinsk støttet avrusning" not in e.reasons for e in result.excluded)


@PROPERTY_SETTINGS
@given(requests(), candidate_lists())
def test_the_detox_reason_appears_only_when_outpatient_detox_was_asked_for(wish, candidates):
    for suggestion in rank(wish, candidates).ranked:
        if DETOX_REASON in suggestion.reasons:
            assert wish.needs_medical_detox and not wish.residential_likely
        if RESIDENTIAL_REASON in suggestion.reasons:
            assert wish.residential_likely


@PROPERTY_SETTINGS
@given(requests(), candidate_lists(), st.randoms(use_true_random=False))
def test_tie_order_never_depends_on_capacity_when_fit_or_authorisation_differs(wish, candidates, rnd):
    # Give every therapist a different week: the order among equal scores must only move where fit and
    # authorisation are equal too.
    reweighed = [
        TherapistCandidate(
            **{
                **_fields(c),
                "weekly_capacity": rnd.randint(1, 30),
                "booked_this_week": 0,
            }
        )
        if c.weekly_capacity > c.booked_this_week
        else c
        for c in candidates
    ]

    by_id = {c.id: c for c in candidates}

    def keys(result):
        return [
            (-s.score, -fit_points(wish, by_id[s.therapist_id]), not by_id[s.therapist_id].authorised)
            for s in result.ranked
        ]

    assert keys(rank(wish, candidates)) == sorted(keys(rank(wish, candidates)))
    assert keys(rank(wish, reweighed)) == keys(rank(wish, candidates))


def _fields(value) -> dict:
    return {name: getattr(value, name) for name in value.__dataclass_fields__ if not name.startswith("_")}
