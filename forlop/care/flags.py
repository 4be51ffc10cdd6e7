"""What needs a clinician's attention in a course, as the caseload and the doctor's start page show it.

Each sub-app computes its own flags for many courses at once (a fixed number of queries however many courses:
`flags_for(course_ids, now=…) -> dict[course_id, list[Flag]]`), and the pages gather them. A flag always says
why it fired, in words a clinician can check."""

from dataclasses import dataclass
from enum import IntEnum


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    URGENT = 3


@dataclass(frozen=True)
class Flag:
    course_id: int
    kind: str  # a stable key, e.g. "ciwa_high", "evaluation_overdue", "plan_awaiting_approval"
    label: str  # short, for a tag: "CIWA-Ar 17"
    why: str  # one sentence: what fired and the threshold, e.g. "CIWA-Ar 17 kl. 08:10 (grense 15)."
    severity: Severity = Severity.WARNING
    url: str = ""  # where to act on it
    for_doctor: bool = False  # shown on the doctor's start page too


def by_severity(flags: list[Flag]) -> list[Flag]:
    return sorted(flags, key=lambda f: (-f.severity, f.kind))
