"""`flush` that can empty the append-only access log on SQLite.

Django's `flush` empties every table; on SQLite that is `DELETE FROM …`, which the append-only trigger
refuses, so transactional tests and live-server browser tests would fail at teardown. Flushing wipes the
whole database on purpose, so here (and only here) the triggers step aside and are put back afterwards.
PostgreSQL's flush uses TRUNCATE, which the row triggers do not cover, so nothing changes there.
"""

from django.core.management.commands import flush
from django.db import connections

from forlop.audit import triggers
from forlop.core import triggers as row_triggers


class Command(flush.Command):
    def handle(self, **options):
        connection = connections[options["database"]]
        if connection.vendor != "sqlite" or triggers.TABLE not in connection.introspection.table_names():
            return super().handle(**options)
        tables = set(connection.introspection.table_names())
        others = [t for t in row_triggers.registered() if t.table in tables]  # signed notes, approved plans
        triggers.drop(connection)
        for trigger_set in others:
            trigger_set.drop(connection)
        try:
            return super().handle(**options)
        finally:
            triggers.install(connection)
            for trigger_set in others:
                trigger_set.install(connection)
