"""When the database will not take a write: say so, keep what was typed, answer 503.

A public form's one service call runs inside `refused_write()`. If the database refuses the write (a SQLite
file locked past the busy timeout, a read-only disk, a read-only or unreachable PostgreSQL), the block ends
early and the yielded flag says so; the view then renders the same bound form again with `save_failed` in the
context (templates include "includes/save_failed.html") and passes the response through `unavailable()`,
which makes it a 503 with Retry-After. The services are transactional and queue their emails in the same
transaction, so after a refused write nothing half-written remains and nothing is sent.

Only errors about the database's state are caught. IntegrityError and DataError are answers about the data
(the services turn the expected ones into their own errors), ProgrammingError is a bug: those still fail
loudly. The connection that saw the error is closed at the end of the request by
forlop.core.connections.CloseFailedConnectionsMiddleware, so the next request gets a fresh one.
"""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import DatabaseError, DataError, IntegrityError, NotSupportedError, ProgrammingError
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

MESSAGE = _("Vi fikk ikke lagret dette akkurat nå. Ingenting er sendt. Prøv igjen om litt.")
STATUS = 503
RETRY_AFTER_SECONDS = 30

# Errors that say something about the data or the code, not that the database is unavailable.
NOT_UNAVAILABLE = (IntegrityError, DataError, ProgrammingError, NotSupportedError)


@dataclass
class Write:
    """What became of the write attempted in a `refused_write()` block."""

    what: str
    failed: bool = False


@contextmanager
def refused_write(what: str) -> Iterator[Write]:
    """Run one write; if the database refuses it, end the block and set `.failed` instead of raising.

    Code after the failing statement inside the block does not run, so assign results inside the block and
    check `.failed` before using them.
    """
    attempt = Write(what=what)
    try:
        yield attempt
    except NOT_UNAVAILABLE:
        raise
    except DatabaseError as exc:
        attempt.failed = True
        # No personal data: only which write and what kind of refusal.
        logger.warning("database refused a write (%s): %s: %s", what, type(exc).__name__, exc)


def unavailable[R: HttpResponse](response: R) -> R:
    """Mark a re-shown form (or an API error) as "try again soon": 503 with Retry-After."""
    response.status_code = STATUS
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
