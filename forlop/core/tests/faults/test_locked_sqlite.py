"""A SQLite file database whose write lock another connection holds past the busy timeout: every public form
that writes comes back whole with 503 and the message, the API with its JSON 503, nothing is stored or
queued, and the same request goes through once the lock is gone. Before, the contact form and the hold API
answered 500 and the enquiry was lost."""

import pytest
from django.db import connection

from forlop.core.testing import run_on_sqlite_file

from .refused_writes import SCENARIOS, expected


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite run uses its own file database")
def test_every_form_sent_while_the_sqlite_file_is_locked_comes_back_whole_with_503(tmp_path):
    outcome = run_on_sqlite_file(
        "forlop.core.tests.faults.locked_sqlite", tmp_path, env={"LOG_LEVEL": "CRITICAL"}
    )

    assert outcome["results"] == {name: expected(name) for name in SCENARIOS}
    # The lock really was held past the (shortened) busy timeout of 0.5 s, and the answer came soon after.
    shortest, longest = outcome["waits"]
    assert 0.5 <= shortest and longest < 10
