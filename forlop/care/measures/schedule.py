"""Which outcome measures are due in a course, and when. Pure: the day is an argument; no database.

The rule (issue 14): at the start of the course and at every evaluation of the treatment plan, the person
answers AUDIT if the course is about alcohol, DUDIT if it is about other drugs (both if both), and PHQ-9 and
GAD-7 always.

- An occasion is the course's start (due the day it started) or one evaluation (due on its due day).
- The measures for an evaluation can be answered from `OPEN_BEFORE` days before its due day, so the results
  are there when the person and the therapist look at the plan together.
- For each instrument only the latest occasion that has opened counts: once the next evaluation opens, an
  unanswered earlier one is no longer asked for (its moment has passed).
- A due measure is late (the team gets an INFO flag) from `LATE_AFTER` days after its due day.
"""

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from .scoring import ORDER, Kind

ALCOHOL = frozenset({"alkohol"})
# The substances in forlop.therapists.vocabulary that DUDIT covers (drugs and medicines taken other than as
# prescribed). Gambling ("spill") is neither.
DRUGS = frozenset({"cannabis", "opioider", "benzodiazepiner", "sentralstimulerende", "ghb", "annet"})

OPEN_BEFORE = timedelta(days=7)
LATE_AFTER = timedelta(days=7)

START = "start"


def instruments_for(substances: Iterable[str]) -> tuple[Kind, ...]:
    chosen = set(substances)
    wanted = {Kind.PHQ9, Kind.GAD7}
    if chosen & ALCOHOL:
        wanted.add(Kind.AUDIT)
    if chosen & DRUGS:
        wanted.add(Kind.DUDIT)
    return tuple(k for k in ORDER if k in wanted)


@dataclass(frozen=True)
class Occasion:
    key: str  # "start", or "evaluation:<id>"
    due_on: date
    evaluation_id: int | None = None

    @property
    def is_start(self) -> bool:
        return self.key == START

    def opens_on(self) -> date:
        return self.due_on if self.is_start else self.due_on - OPEN_BEFORE


def evaluation_key(evaluation_id: int) -> str:
    return f"evaluation:{evaluation_id}"


def occasions(started_on: date, evaluations: Iterable[tuple[int, date]]) -> list[Occasion]:
    """The start and every evaluation (id, due day), in order of their due days."""
    found = [Occasion(START, started_on)]
    found += [Occasion(evaluation_key(pk), due_on, pk) for pk, due_on in evaluations]
    return sorted(found, key=lambda o: (o.due_on, not o.is_start, o.key))


@dataclass(frozen=True)
class Due:
    kind: Kind
    occasion: Occasion
    late: bool  # due for more than LATE_AFTER days

    @property
    def late_since(self) -> date:
        return self.occasion.due_on + LATE_AFTER


def due(
    *,
    substances: Sequence[str],
    started_on: date,
    evaluations: Iterable[tuple[int, date]],
    answered: Collection[tuple[str, str]],
    today: date,
) -> list[Due]:
    """What the person should answer now: for each instrument the course asks for, the latest occasion that
    has opened, unless it is answered. `answered` holds (instrument, occasion key) pairs."""
    opened = [o for o in occasions(started_on, evaluations) if o.opens_on() <= today]
    if not opened:
        return []
    found = []
    for kind in instruments_for(substances):
        latest = opened[-1]
        if (kind.value, latest.key) in answered:
            continue
        found.append(Due(kind, latest, late=today > latest.due_on + LATE_AFTER))
    return found
