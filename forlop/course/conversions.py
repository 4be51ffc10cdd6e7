"""How many course participants went on to send a match request or book a first talk.

The match form and the booking of first talks are built later, in other apps. When they are, each:
1. calls `forlop.course.services.record_conversion(email=…, kind="match_request" | "first_talk")` in the
   transaction that stores the request or booking, and
2. calls `track("match_request")` / `track("first_talk")` from its AppConfig.ready(), so the figures page
   starts showing the number instead of "–".

The course never reads those apps' tables: it compares a keyed hash of the address (services.email_hash)
and notes only that, and when, it happened.
"""

MATCH_REQUEST = "match_request"
FIRST_TALK = "first_talk"
FIELDS = {MATCH_REQUEST: "matched_at", FIRST_TALK: "first_talk_at"}

_tracked: set[str] = set()


def track(kind: str) -> None:
    if kind not in FIELDS:
        raise ValueError(f"unknown conversion {kind!r}; expected one of {sorted(FIELDS)}")
    _tracked.add(kind)


def is_tracked(kind: str) -> bool:
    return kind in _tracked


def untrack(kind: str) -> None:
    """For tests."""
    _tracked.discard(kind)
