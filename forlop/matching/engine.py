"""Match a person with therapists: a pure ranking with reasons, no ORM and no clock.

The caller turns a form into a `MatchRequest` and each therapist into a `TherapistCandidate` (plain frozen
data; availability such as `free_slots` and `earliest_free_days` is computed by the caller with its own
clock), then calls `rank()`. The result says, for every candidate, either where it ranks, with a score and
the reasons in Norwegian, or why it was excluded.

Vocabulary
    The keys of `forlop.therapists.vocabulary` (SUBSTANCES, THEMES, METHODS, MEETING_MODES, LANGUAGES,
    GENDERS, WEEKDAYS, PARTS_OF_DAY) are the only values the types accept (anything else raises
    `ValueError`, so a typo in a model choice or form fails loudly instead of silently never matching). The
    vocabulary lives with the therapist profiles, one layer down, since the profile models need it too.

Hard constraints (a therapist failing any of them is excluded, with every failed constraint as a reason)
    - works with something the person asked about: at least one requested substance or theme, or relatives'
      work when a relative asks ("Jobber ikke med GHB"). A therapist with no fit at all is never suggested,
      however free their week; a request that names no substance, theme or relative has no such constraint;
    - for a medically flagged request (`doctor_review`, which `residential_likely` and `needs_medical_detox`
      imply): authorised health personnel with an HPR number ("Ikke autorisert helsepersonell"), who work
      with at least one of the requested substances. Gambling is not the competence a medical flag asks
      for, so it counts only when it is all that was asked about;
    - takes new clients, and has capacity left this week (`weekly_capacity - booked_this_week > 0`);
    - speaks at least one of the requested languages (no requested language = no constraint);
    - offers at least one of the requested meeting modes; in-person ("oppmote") counts only at the
      requested place when one is given (compared case-insensitively); no requested mode = no constraint;
    - has the preferred gender, but only when the person marked the preference as required;
    - offers medically supported detox, when the triage says outpatient detox may be safe and is needed
      (`needs_medical_detox`), and never when a residential unit is likely (`residential_likely`, triage
      rules 2, 4 and 8: earlier seizures or delirium, GHB, pregnancy together with rules 2-6).

Soft scores (integer points, so equal inputs give exactly equal scores)

    | Signal                                              | Points          | Why                             |
    |-----------------------------------------------------|-----------------|---------------------------------|
    | each requested substance/behaviour they work with   | 12              | the core of treatment fit       |
    | works with relatives, when a relative asks          | 12              | relatives need relatives' work  |
    | each other requested theme they work with           | 10              | fit, a little below substances  |
    | each requested method they use (at most 3 count)    | 3 (max 9)       | clinicians choose the method    |
    | each preferred day/time that is free (at most 3)    | 2 (max 6)       | convenience                     |
    | first free time within 0-2 / 3-4 / 5-7 days         | 3 / 2 / 1       | convenience, sooner is better   |
    | each requested language besides Norwegian they speak| 2               | easier talk in one's own tongue |
    | has the preferred gender (required or not)          | 4               | a stated wish                   |

    The weights are chosen so that a single focus match (substance, theme or relatives' work, >= 10)
    outweighs all convenience together (6 + 3 = 9) and all method wishes together (9): who the therapist
    works with comes first, when they are free decides between otherwise similar therapists.

    Medical reasons: "Tilbyr medisinsk støttet avrusning" is shown only where it was required (outpatient
    detox may be safe); with `residential_likely` every suggestion says instead "Kan hjelpe deg videre til
    døgnavrusning", because that is what the clinician can do for that person. Neither scores points: every
    suggestion for such a request has passed the same medical constraints.

Order (deterministic, independent of the input order)
    score (high first), then fit (the points from substances, themes and relatives' work alone, high
    first), then authorised health personnel before others, then spare capacity this week (more first:
    load balance among matches equally good in every other way), then therapist id (low first). So a tie
    never breaks on capacity alone: a therapist who shares the person's focus stays above one whose equal
    score comes from convenience and an emptier week. Ids must be unique. Scores never depend on the other
    candidates, so adding or removing a therapist never reorders the others.

Results
    `rank(request, candidates, *, limit=None)` returns `MatchResult(ranked, excluded, matched_count)`:
    `ranked` holds `Suggestion(therapist_id, score, reasons)` best first (at most `limit`), `excluded` holds
    `Exclusion(therapist_id, reasons)` for every excluded candidate, by id, and `matched_count` counts all
    that passed. Reasons are tuples of finished sentences in display order, most important first, in the
    active language (Norwegian bokmål unless a translation is active; the texts are marked for
    translation), e.g. "Jobber med alkohol og pårørende", "Snakker engelsk", "Har ledige timer tirsdag
    ettermiddag", "Ledig tid innen 3 dager" or, for exclusions, "Tilbyr ikke oppmøte i Bergen" or "Ikke
    autorisert helsepersonell".

Performance: each candidate precomputes bit masks of its sets once (`__post_init__`), so ranking is a few
integer operations per candidate, with each entry kept as one int; reason texts are built only for the
suggestions returned, once per distinct combination, and exclusion texts once per failed check. `benchmarks/matching.py` ranks 10,000 therapists.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from heapq import nsmallest
from operator import attrgetter
from typing import Any, NamedTuple

from django.utils.translation import gettext, ngettext, pgettext

from forlop.therapists.vocabulary import (
    GENDERS,
    IN_PERSON,
    LANGUAGES,
    MEETING_MODES,
    METHODS,
    NORWEGIAN,
    PARTS_OF_DAY,
    SUBSTANCES,
    THEMES,
    WEEKDAYS,
)

# Weights: see the table in the module docstring.
SUBSTANCE_POINTS = 12
RELATIVES_POINTS = 12
THEME_POINTS = 10
METHOD_POINTS = 3
METHODS_COUNTED = 3
TIME_SLOT_POINTS = 2
TIME_SLOTS_COUNTED = 3
SOON_POINTS = ((2, 3), (4, 2), (7, 1))  # (within days, points), first that applies
LANGUAGE_POINTS = 2
GENDER_POINTS = 4

# "Good capacity" is only a reason shown to people; the ranking uses the spare count itself.
GOOD_CAPACITY_MIN_FREE = 3
TIME_SLOTS_LISTED = 3
RELATIVES_THEME = "parorende"


def _index[K](keys: Iterable[K]) -> dict[K, int]:
    return {key: 1 << position for position, key in enumerate(keys)}


# One bit per vocabulary key. Focus is one space (substances, then themes) so that a single mask gives the
# "Jobber med alkohol og pårørende" reason in vocabulary order.
_FOCUS_BIT = _index([*SUBSTANCES, *THEMES])
_FOCUS_LABELS = {**SUBSTANCES, **THEMES}
_SUBSTANCE_MASK = sum(_FOCUS_BIT[key] for key in SUBSTANCES)
_RELATIVES_BIT = _FOCUS_BIT[RELATIVES_THEME]
_METHOD_BIT = _index(METHODS)
_MODE_BIT = _index(MEETING_MODES)
_IN_PERSON_BIT = _MODE_BIT[IN_PERSON]
_LANGUAGE_BIT = _index(LANGUAGES)
_SLOT_BIT = _index((day, part) for day in WEEKDAYS for part in PARTS_OF_DAY)


def _mask[K](values: frozenset[K], bits: dict[K, int], what: str) -> int:
    mask = 0
    for value in values:
        bit = bits.get(value)
        if bit is None:
            raise ValueError(f"unknown {what}: {value!r}")
        mask |= bit
    return mask


def _place_key(place: str) -> str:
    return " ".join(place.split()).casefold()


# Exclusion flags; their reasons are listed in _EXCLUSION_ORDER.
_NOT_ACCEPTING = 1
_NO_CAPACITY = 2
_LANGUAGE = 4
_MEETING = 8
_GENDER = 16
_DETOX = 32
_NO_FIT = 64
_NO_COMPETENCE = 128
_NOT_AUTHORISED = 256


# Who the therapist is (fit, competence, authorisation) before whether they have room and how they meet.
# No fit lists everything asked about; no competence (a flagged request) only the substances that count. A
# therapist without fit has no competence either, so only the first is ever given.
_EXCLUSION_ORDER = (
    _NO_FIT,
    _NO_COMPETENCE,
    _NOT_AUTHORISED,
    _NOT_ACCEPTING,
    _NO_CAPACITY,
    _LANGUAGE,
    _MEETING,
    _GENDER,
    _DETOX,
)
_FLAG_BITS = 9
_FLAG_MASK = (1 << _FLAG_BITS) - 1

# Most fit points a therapist can have: every substance and theme, and relatives' work.
_MAX_FIT = SUBSTANCE_POINTS * len(SUBSTANCES) + THEME_POINTS * len(THEMES) + RELATIVES_POINTS

# A ranking entry is one int that sorts like (-score, -fit, not authorised, -spare, id) and carries the
# candidate's position in its lowest bits:
# [-score | _MAX_FIT - fit | not authorised | MAX_WEEKLY_CAPACITY - spare | id | position]. Python ints are
# unbounded, so the negative score on top needs no limit; the fields below it must fit their widths, which
# is what the candidate checks (capacity, id) guarantee. An excluded entry is id << _FLAG_BITS | failed checks.
MAX_WEEKLY_CAPACITY = 10_000
_POSITION_BITS = 32
_POSITION_MASK = (1 << _POSITION_BITS) - 1
_ID_BITS = 63
_ID_SHIFT = _POSITION_BITS + _ID_BITS
_AUTHORISED_SHIFT = _ID_SHIFT + MAX_WEEKLY_CAPACITY.bit_length()
_FIT_SHIFT = _AUTHORISED_SHIFT + 1
_ORDER_SHIFT = _FIT_SHIFT + _MAX_FIT.bit_length()
_GAMBLING_BIT = _FOCUS_BIT["spill"]
_ANY_FOCUS_BIT = 1 << len(_FOCUS_BIT)  # set in every candidate's _fit_bits: "no fit check" matches all


def _soon_points(days: int | None) -> int:
    if days is None:
        return 0
    for within, points in SOON_POINTS:
        if days <= within:
            return points
    return 0


@dataclass(frozen=True, slots=True, kw_only=True)
class MatchRequest:
    """What the person asked for. Empty sets mean "no wish"; all keys come from the vocabulary.

    substances, themes: what they want help with (SUBSTANCES, THEMES keys).
    for_relative: the person asks as a relative ("pårørende") rather than for themself; relatives' work
        then scores as in the weight table, whether or not "parorende" is also among `themes`.
    languages: any of these will do (LANGUAGES keys); empty = no language constraint.
    meeting_modes: any of these will do (MEETING_MODES keys); empty = no constraint.
    place: where in-person meetings should be (e.g. "Bergen"); ignored unless "oppmote" is requested.
        Without a place, any therapist offering in-person meetings satisfies "oppmote".
    gender_preference, gender_required: GENDERS key; required makes it a hard constraint, otherwise it
        only adds points. Required without a preference is an error.
    methods: methods they would like (METHODS keys).
    preferred_times: (weekday 0-6, PARTS_OF_DAY key) pairs that suit them.
    doctor_review: the request is medically flagged (a doctor looks first): only authorised health
        personnel who work with a requested substance pass.
    residential_likely: triage rules 2, 4 or 8: a residential unit (døgnavrusning) is likely. Implies
        doctor_review. Medically supported detox is then neither required nor shown as a reason; every
        suggestion says instead that the clinician can help the person on to residential detox.
    needs_medical_detox: flagged, and outpatient detox may be safe: the therapist must offer medically
        supported detox, and that is shown as a reason. Implies doctor_review; ignored when
        residential_likely (the safer reading wins).
    The caller leaves residential_likely and needs_medical_detox False when the person asks only as a
    relative: the reasons speak to the person being matched, who is then not the one who would detox.
    """

    substances: frozenset[str] = frozenset()
    themes: frozenset[str] = frozenset()
    for_relative: bool = False
    languages: frozenset[str] = frozenset()
    meeting_modes: frozenset[str] = frozenset()
    place: str | None = None
    gender_preference: str | None = None
    gender_required: bool = False
    methods: frozenset[str] = frozenset()
    preferred_times: frozenset[tuple[int, str]] = frozenset()
    doctor_review: bool = False
    residential_likely: bool = False
    needs_medical_detox: bool = False

    _focus_bits: int = field(init=False, repr=False, compare=False)
    _method_bits: int = field(init=False, repr=False, compare=False)
    _language_bits: int = field(init=False, repr=False, compare=False)
    _mode_bits: int = field(init=False, repr=False, compare=False)
    _slot_bits: int = field(init=False, repr=False, compare=False)
    _place_key: str | None = field(init=False, repr=False, compare=False)
    _flagged: bool = field(init=False, repr=False, compare=False)
    _competence_bits: int = field(init=False, repr=False, compare=False)
    _detox_required: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.substances <= SUBSTANCES.keys() or not self.themes <= THEMES.keys():
            raise ValueError("substances and themes must come from SUBSTANCES and THEMES respectively")
        focus = _mask(self.substances, _FOCUS_BIT, "substance") | _mask(self.themes, _FOCUS_BIT, "theme")
        if self.for_relative:
            focus |= _RELATIVES_BIT
        if self.gender_preference is not None and self.gender_preference not in GENDERS:
            raise ValueError(f"unknown gender: {self.gender_preference!r}")
        if self.gender_required and self.gender_preference is None:
            raise ValueError("gender_required needs a gender_preference")
        place = _place_key(self.place) if self.place is not None else ""
        object.__setattr__(self, "_focus_bits", focus)
        object.__setattr__(self, "_method_bits", _mask(self.methods, _METHOD_BIT, "method"))
        object.__setattr__(self, "_language_bits", _mask(self.languages, _LANGUAGE_BIT, "language"))
        object.__setattr__(self, "_mode_bits", _mask(self.meeting_modes, _MODE_BIT, "meeting mode"))
        object.__setattr__(self, "_slot_bits", _mask(self.preferred_times, _SLOT_BIT, "time slot"))
        object.__setattr__(self, "_place_key", place or None)
        flagged = self.doctor_review or self.residential_likely or self.needs_medical_detox
        substances = focus & _SUBSTANCE_MASK
        competence = (substances & ~_GAMBLING_BIT or substances) if flagged else 0
        object.__setattr__(self, "_flagged", flagged)
        object.__setattr__(self, "_competence_bits", competence)
        object.__setattr__(self, "_detox_required", self.needs_medical_detox and not self.residential_likely)


@dataclass(frozen=True, slots=True, kw_only=True)
class TherapistCandidate:
    """One therapist as the engine sees them. All keys come from the vocabulary.

    id: unique among the candidates of one `rank()` call, 0 <= id < 2**63 (the Therapist's primary key).
    name: for people reading test output and logs; the engine does not use it.
    languages: languages they hold sessions in (LANGUAGES keys).
    gender: GENDERS key, or None when not stated (then a required gender preference excludes them).
    focus_substances, focus_themes: what they work with (SUBSTANCES, THEMES keys).
    methods: methods they use (METHODS keys).
    meeting_modes: how they meet clients (MEETING_MODES keys); places: where they meet in person.
    medical_detox: can offer medically supported detox.
    authorised: authorised health personnel with a number in Helsepersonellregisteret (HPR); unknown
        counts as not authorised.
    accepting_new: takes new clients at all.
    weekly_capacity, booked_this_week: sessions per week (at most MAX_WEEKLY_CAPACITY) and sessions
        already booked this week; the difference is the spare capacity (at or below zero = excluded).
    free_slots: (weekday 0-6, PARTS_OF_DAY key) with a free time within the caller's look-ahead (e.g. the
        next 7 days); empty when there is none or availability is not known yet.
    earliest_free_days: days from today (0 = today) to the first free time, or None when not known.
    """

    id: int
    name: str
    languages: frozenset[str]
    gender: str | None
    meeting_modes: frozenset[str]
    accepting_new: bool
    weekly_capacity: int
    booked_this_week: int
    focus_substances: frozenset[str] = frozenset()
    focus_themes: frozenset[str] = frozenset()
    methods: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    medical_detox: bool = False
    authorised: bool = False
    free_slots: frozenset[tuple[int, str]] = frozenset()
    earliest_free_days: int | None = None

    _focus_bits: int = field(init=False, repr=False, compare=False)
    _method_bits: int = field(init=False, repr=False, compare=False)
    _language_bits: int = field(init=False, repr=False, compare=False)
    _mode_bits: int = field(init=False, repr=False, compare=False)
    _slot_bits: int = field(init=False, repr=False, compare=False)
    _place_keys: frozenset[str] = field(init=False, repr=False, compare=False)
    _closed: int = field(init=False, repr=False, compare=False)
    _fit_bits: int = field(init=False, repr=False, compare=False)
    _soon_points: int = field(init=False, repr=False, compare=False)
    _good_capacity: bool = field(init=False, repr=False, compare=False)
    _tiebreak: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.focus_substances <= SUBSTANCES.keys() or not self.focus_themes <= THEMES.keys():
            raise ValueError("focus_substances and focus_themes must come from SUBSTANCES and THEMES")
        if self.gender is not None and self.gender not in GENDERS:
            raise ValueError(f"unknown gender: {self.gender!r}")
        if not 0 <= self.id < 1 << _ID_BITS:
            raise ValueError(f"id must be a non-negative 63-bit integer, not {self.id!r}")
        if not 0 <= self.weekly_capacity <= MAX_WEEKLY_CAPACITY or self.booked_this_week < 0:
            raise ValueError(
                f"weekly_capacity must be 0-{MAX_WEEKLY_CAPACITY} and booked_this_week cannot be negative"
            )
        if self.earliest_free_days is not None and self.earliest_free_days < 0:
            raise ValueError("earliest_free_days cannot be negative")
        focus = _mask(self.focus_substances, _FOCUS_BIT, "substance")
        focus |= _mask(self.focus_themes, _FOCUS_BIT, "theme")
        object.__setattr__(self, "_focus_bits", focus)
        object.__setattr__(self, "_method_bits", _mask(self.methods, _METHOD_BIT, "method"))
        object.__setattr__(self, "_language_bits", _mask(self.languages, _LANGUAGE_BIT, "language"))
        object.__setattr__(self, "_mode_bits", _mask(self.meeting_modes, _MODE_BIT, "meeting mode"))
        object.__setattr__(self, "_slot_bits", _mask(self.free_slots, _SLOT_BIT, "time slot"))
        # Places only count where the therapist meets people in person.
        places = self.places if IN_PERSON in self.meeting_modes else frozenset()
        object.__setattr__(self, "_place_keys", frozenset(_place_key(place) for place in places))
        # What does not depend on the request is worked out once here rather than in every rank() call.
        spare = self.weekly_capacity - self.booked_this_week
        closed = (0 if self.accepting_new else _NOT_ACCEPTING) | (0 if spare > 0 else _NO_CAPACITY)
        # rank() keeps these two only where the request asks for them (flagged; outpatient detox needed).
        closed |= (0 if self.authorised else _NOT_AUTHORISED) | (0 if self.medical_detox else _DETOX)
        object.__setattr__(self, "_closed", closed)
        object.__setattr__(self, "_fit_bits", focus | _ANY_FOCUS_BIT)
        object.__setattr__(self, "_soon_points", _soon_points(self.earliest_free_days))
        good = spare >= GOOD_CAPACITY_MIN_FREE and 2 * spare >= self.weekly_capacity
        object.__setattr__(self, "_good_capacity", good)
        # The ranking entry's fields below fit (see _ORDER_SHIFT); only used when the candidate passes, so
        # spare > 0 there and MAX_WEEKLY_CAPACITY - spare fits its width.
        tiebreak = (0 if self.authorised else 1 << _AUTHORISED_SHIFT) + (self.id << _POSITION_BITS)
        if spare > 0:
            tiebreak += (MAX_WEEKLY_CAPACITY - spare) << _ID_SHIFT
        object.__setattr__(self, "_tiebreak", tiebreak)


# Results are named tuples: immutable like the inputs, and about half the cost of frozen dataclasses to create,
# which shows when 10,000 candidates each get a result.
class Suggestion(NamedTuple):
    therapist_id: int
    score: int
    reasons: tuple[str, ...]


class Exclusion(NamedTuple):
    therapist_id: int
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MatchResult:
    """ranked: best first, at most `limit`; excluded: every excluded candidate, by id;
    matched_count: how many passed the hard constraints (before `limit`)."""

    ranked: tuple[Suggestion, ...]
    excluded: tuple[Exclusion, ...]
    matched_count: int


def rank(
    request: MatchRequest, candidates: Iterable[TherapistCandidate], *, limit: int | None = None
) -> MatchResult:
    """Rank the candidates for the request; see the module docstring for the rules."""
    if limit is not None and limit < 0:
        raise ValueError("limit cannot be negative")
    candidates = candidates if isinstance(candidates, list | tuple) else list(candidates)
    if len(set(map(attrgetter("id"), candidates))) != len(candidates):
        raise ValueError("therapist ids must be unique")

    # Everything about the request is worked out once; the loop below does integer work only.
    focus_wanted = request._focus_bits
    relatives_wanted = focus_wanted & _RELATIVES_BIT if request.for_relative else 0
    substances_wanted = focus_wanted & _SUBSTANCE_MASK
    themes_wanted = focus_wanted & ~_SUBSTANCE_MASK & ~relatives_wanted
    methods_wanted = request._method_bits
    slots_wanted = request._slot_bits
    languages_wanted = request._language_bits
    extra_languages_wanted = languages_wanted & ~_LANGUAGE_BIT[NORWEGIAN]
    modes_wanted = request._mode_bits
    remote_wanted = modes_wanted & ~_IN_PERSON_BIT
    in_person_wanted = modes_wanted & _IN_PERSON_BIT
    place_wanted = request._place_key
    gender_wanted = request.gender_preference
    gender_required = request.gender_required
    # Checks that do not apply to this request ask for _ANY_FOCUS_BIT, which every candidate has, so the
    # loop tests each with one `&` and no extra branch.
    closed_mask = ~((0 if request._flagged else _NOT_AUTHORISED) | (0 if request._detox_required else _DETOX))
    fit_wanted = focus_wanted or _ANY_FOCUS_BIT
    competence_wanted = request._competence_bits or _ANY_FOCUS_BIT

    # Entries are single ints (see _ORDER_SHIFT): they sort faster than tuples and, unlike tuples, are never
    # tracked by the garbage collector, which otherwise ran often enough with 10,000 candidates to show.
    matched: list[int] = []
    excluded: list[int] = []
    for position, candidate in enumerate(candidates):
        failed = candidate._closed & closed_mask
        fit = candidate._fit_bits
        if not fit & fit_wanted:
            failed |= _NO_FIT
        elif not fit & competence_wanted:
            failed |= _NO_COMPETENCE
        if languages_wanted and not candidate._language_bits & languages_wanted:
            failed |= _LANGUAGE
        if modes_wanted and not (
            candidate._mode_bits & remote_wanted
            or (
                in_person_wanted
                and (
                    place_wanted in candidate._place_keys
                    if place_wanted
                    else candidate._mode_bits & in_person_wanted
                )
            )
        ):
            failed |= _MEETING
        if gender_required and candidate.gender != gender_wanted:
            failed |= _GENDER
        if failed:
            excluded.append(candidate.id << _FLAG_BITS | failed)
            continue

        focus = candidate._focus_bits
        methods = (candidate._method_bits & methods_wanted).bit_count()
        slots = (candidate._slot_bits & slots_wanted).bit_count()
        fit = (
            SUBSTANCE_POINTS * (focus & substances_wanted).bit_count()
            + THEME_POINTS * (focus & themes_wanted).bit_count()
        )
        if focus & relatives_wanted:
            fit += RELATIVES_POINTS
        score = (
            fit
            + METHOD_POINTS * (methods if methods < METHODS_COUNTED else METHODS_COUNTED)
            + TIME_SLOT_POINTS * (slots if slots < TIME_SLOTS_COUNTED else TIME_SLOTS_COUNTED)
            + LANGUAGE_POINTS * (candidate._language_bits & extra_languages_wanted).bit_count()
            + candidate._soon_points
        )
        if gender_wanted is not None and candidate.gender == gender_wanted:
            score += GENDER_POINTS
        matched.append(
            (-score << _ORDER_SHIFT) + ((_MAX_FIT - fit) << _FIT_SHIFT) + candidate._tiebreak + position
        )

    top = sorted(matched) if limit is None else nsmallest(limit, matched)
    texts = _Reasons(request)
    for_match = texts.for_match
    ranked = []
    for entry in top:
        candidate = candidates[entry & _POSITION_MASK]
        ranked.append(Suggestion(candidate.id, -(entry >> _ORDER_SHIFT), for_match(candidate)))
    excluded.sort()
    # At most 511 distinct combinations of failed checks, however many therapists were excluded.
    exclusion_reasons = {failed: texts.for_exclusion(failed) for failed in {e & _FLAG_MASK for e in excluded}}
    # tuple.__new__ skips the named tuple's Python-level constructor: it is called once per excluded
    # therapist, and a strict request excludes nearly all of 10,000.
    new_tuple = tuple.__new__
    return MatchResult(
        ranked=tuple(ranked),
        excluded=tuple(
            [new_tuple(Exclusion, (e >> _FLAG_BITS, exclusion_reasons[e & _FLAG_MASK])) for e in excluded]
        ),
        matched_count=len(matched),
    )


def _join(items: list[str], conjunction: str) -> str:
    """Norwegian lists have no comma before the conjunction: "a, b og c"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


# A suggestion's reasons come in two parts, cached separately so that the number of distinct keys stays small:
# who the therapist is for this request (matched focus, methods, extra languages, gender, in person at the
# place) and when they are free (matched preferred slots, days to the first free time if it scores, good
# capacity).
_AboutKey = tuple[int, int, int, bool, bool]
_WhenKey = tuple[int, int | None, bool]


class _Reasons:
    """Reason texts for one rank() call. Texts depend only on which bits matched, so they are built (and
    translated) once per distinct combination rather than once per therapist."""

    def __init__(self, request: MatchRequest) -> None:
        self.request = request
        self.and_ = pgettext("list conjunction", "og")
        self.or_ = pgettext("list conjunction", "eller")
        self.place = " ".join(request.place.split()) if request.place else ""
        self.about: dict[_AboutKey, tuple[str, ...]] = {}
        self.translated: dict[tuple[int, object], str] = {}
        self.when: dict[_WhenKey, tuple[str, ...]] = {}
        self.focus_wanted = request._focus_bits
        self.methods_wanted = request._method_bits
        self.slots_wanted = request._slot_bits
        self.extra_languages_wanted = request._language_bits & ~_LANGUAGE_BIT[NORWEGIAN]
        self.gender_wanted = request.gender_preference
        self.gender = self._gender_match(request.gender_preference)
        self.in_person = (
            gettext("Tilbyr oppmøte i %(place)s") % {"place": self.place}
            if request._place_key is not None and request._mode_bits & _IN_PERSON_BIT
            else None
        )
        # None is in no therapist's places, so without an in-person wish and a place nobody gets the reason.
        self.in_person_place = request._place_key if self.in_person is not None else None
        # Never both: with a residential unit likely, detox here is neither required nor promised.
        if request._detox_required:
            self.medical: str | None = gettext("Tilbyr medisinsk støttet avrusning")
        elif request.residential_likely:
            self.medical = gettext("Kan hjelpe deg videre til døgnavrusning")
        else:
            self.medical = None
        self.good_capacity = gettext("Har god kapasitet denne uken")
        self.exclusion_texts: dict[int, str] = {}

    def for_match(self, candidate: TherapistCandidate) -> tuple[str, ...]:
        # Called once per suggestion, so it only builds keys; texts are made once per distinct key.
        about: _AboutKey = (
            candidate._focus_bits & self.focus_wanted,
            candidate._method_bits & self.methods_wanted,
            candidate._language_bits & self.extra_languages_wanted,
            candidate.gender == self.gender_wanted,
            self.in_person_place in candidate._place_keys,
        )
        when: _WhenKey = (
            candidate._slot_bits & self.slots_wanted,
            candidate.earliest_free_days if candidate._soon_points else None,
            candidate._good_capacity,
        )
        about_reasons = self.about.get(about)
        if about_reasons is None:
            about_reasons = self.about[about] = self._about(about)
        when_reasons = self.when.get(when)
        if when_reasons is None:
            when_reasons = self.when[when] = self._when(when)
        return about_reasons + when_reasons

    def _about(self, key: _AboutKey) -> tuple[str, ...]:
        focus, methods, languages, gender, in_person = key
        reasons = (
            self._focus(focus),
            self._methods(methods),
            self._languages(languages),
            self.gender if gender else None,
            self.in_person if in_person else None,
            self.medical,
        )
        return tuple(reason for reason in reasons if reason)

    def _when(self, key: _WhenKey) -> tuple[str, ...]:
        slots, days, good_capacity = key
        reasons = (self._slots(slots), self._soon(days), self.good_capacity if good_capacity else None)
        return tuple(reason for reason in reasons if reason)

    def _label(self, vocabulary: Mapping[Any, object], key: object) -> str:
        # Each lazy label costs a translation look-up; resolve each at most once per call.
        cache_key = (id(vocabulary), key)
        label = self.translated.get(cache_key)
        if label is None:
            label = self.translated[cache_key] = str(vocabulary[key])
        return label

    def _labels[K](self, mask: int, bits: dict[K, int], vocabulary: Mapping[K, object]) -> list[str]:
        return [self._label(vocabulary, key) for key, bit in bits.items() if mask & bit]

    def _focus(self, mask: int) -> str | None:
        if not mask:
            return None
        labels = self._labels(mask, _FOCUS_BIT, _FOCUS_LABELS)
        return gettext("Jobber med %(focus)s") % {"focus": _join(labels, self.and_)}

    def _methods(self, mask: int) -> str | None:
        if not mask:
            return None
        methods = _join(self._labels(mask, _METHOD_BIT, METHODS), self.and_)
        return gettext("Bruker %(methods)s") % {"methods": methods}

    def _languages(self, mask: int) -> str | None:
        if not mask:
            return None
        languages = _join(self._labels(mask, _LANGUAGE_BIT, LANGUAGES), self.and_)
        return gettext("Snakker %(languages)s") % {"languages": languages}

    @staticmethod
    def _gender_match(gender: str | None) -> str | None:
        if gender == "kvinne":
            return gettext("Kvinnelig terapeut, som ønsket")
        if gender == "mann":
            return gettext("Mannlig terapeut, som ønsket")
        if gender == "annet":
            return gettext("Verken kvinne eller mann, som ønsket")
        return None

    def _slots(self, mask: int) -> str | None:
        if not mask:
            return None
        slots = [
            f"{self._label(WEEKDAYS, day)} {self._label(PARTS_OF_DAY, part)}"
            for (day, part), bit in _SLOT_BIT.items()
            if mask & bit
        ]
        # "… and 1 other time" says less than naming it, so the summary starts at two left over.
        listed = slots if len(slots) <= TIME_SLOTS_LISTED + 1 else slots[:TIME_SLOTS_LISTED]
        rest = len(slots) - len(listed)
        if rest:
            listed.append(
                ngettext("%(count)d annen ønsket tid", "%(count)d andre ønskede tider", rest)
                % {"count": rest}
            )
        return gettext("Har ledige timer %(times)s") % {"times": _join(listed, self.and_)}

    @staticmethod
    def _soon(days: int | None) -> str | None:
        if days is None or not _soon_points(days):
            return None
        if days == 0:
            return gettext("Ledig tid i dag")
        if days == 1:
            return gettext("Ledig tid i morgen")
        return gettext("Ledig tid innen %(days)d dager") % {"days": days}

    def for_exclusion(self, failed: int) -> tuple[str, ...]:
        # Each failed check has one text per request, built once: a large practice gives a few hundred
        # distinct combinations, and translating per combination cost more than the ranking itself.
        texts = self.exclusion_texts
        reasons = []
        for flag in _EXCLUSION_ORDER:
            if failed & flag:
                text = texts.get(flag)
                if text is None:
                    text = texts[flag] = self._exclusion(flag)
                reasons.append(text)
        return tuple(reasons)

    def _exclusion(self, flag: int) -> str:
        request = self.request
        if flag == _NO_FIT:
            focus = _join(self._labels(request._focus_bits, _FOCUS_BIT, _FOCUS_LABELS), self.or_)
            return gettext("Jobber ikke med %(focus)s") % {"focus": focus}
        if flag == _NO_COMPETENCE:
            focus = _join(self._labels(request._competence_bits, _FOCUS_BIT, _FOCUS_LABELS), self.or_)
            return gettext("Jobber ikke med %(focus)s") % {"focus": focus}
        if flag == _NOT_AUTHORISED:
            return gettext("Ikke autorisert helsepersonell")
        if flag == _NOT_ACCEPTING:
            return gettext("Tar ikke imot nye klienter")
        if flag == _NO_CAPACITY:
            return gettext("Ingen ledig kapasitet denne uken")
        if flag == _LANGUAGE:
            languages = _join(self._labels(request._language_bits, _LANGUAGE_BIT, LANGUAGES), self.or_)
            return gettext("Snakker ikke %(languages)s") % {"languages": languages}
        if flag == _MEETING:
            modes = self._labels(request._mode_bits & ~_IN_PERSON_BIT, _MODE_BIT, MEETING_MODES)
            if request._mode_bits & _IN_PERSON_BIT:
                if self.place:
                    modes.append(gettext("oppmøte i %(place)s") % {"place": self.place})
                else:
                    modes.append(self._label(MEETING_MODES, IN_PERSON))
            return gettext("Tilbyr ikke %(modes)s") % {"modes": _join(modes, self.or_)}
        if flag == _GENDER:
            if request.gender_preference == "kvinne":
                return gettext("Ønsket en kvinnelig terapeut")
            if request.gender_preference == "mann":
                return gettext("Ønsket en mannlig terapeut")
            return gettext("Ønsket en terapeut som verken er kvinne eller mann")
        if flag == _DETOX:
            return gettext("Tilbyr ikke medisinsk støttet avrusning")
        raise ValueError(f"unknown exclusion flag: {flag}")
