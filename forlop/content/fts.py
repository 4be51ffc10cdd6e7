"""Keeps the SQLite FTS5 article index wired up.

Django changes most columns on SQLite by rebuilding the table (create a copy, drop the old one, rename), and
dropping a table drops its triggers. A later migration on content_article would then leave search silently
stale. After every `migrate`, this puts missing triggers back and re-indexes. PostgreSQL needs none of this:
its GIN index is an expression over the table's own columns.
"""

from django.db.backends.base.base import BaseDatabaseWrapper

FTS_TABLE = "content_article_fts"
TRIGGERS = {
    "content_article_fts_insert": """
        CREATE TRIGGER IF NOT EXISTS content_article_fts_insert AFTER INSERT ON content_article BEGIN
            INSERT INTO content_article_fts(rowid, search_document) VALUES (new.id, new.search_document);
        END""",
    "content_article_fts_update": """
        CREATE TRIGGER IF NOT EXISTS content_article_fts_update AFTER UPDATE ON content_article BEGIN
            DELETE FROM content_article_fts WHERE rowid = old.id;
            INSERT INTO content_article_fts(rowid, search_document) VALUES (new.id, new.search_document);
        END""",
    "content_article_fts_delete": """
        CREATE TRIGGER IF NOT EXISTS content_article_fts_delete AFTER DELETE ON content_article BEGIN
            DELETE FROM content_article_fts WHERE rowid = old.id;
        END""",
}


def repair_sqlite_index(connection: BaseDatabaseWrapper) -> bool:
    """Re-create missing triggers and rebuild the index; True when a repair was needed.

    Does nothing before migration 0002 has created the FTS table (or after it was reversed).
    """
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger') AND name LIKE 'content_article_fts%'"
        )
        present = {row[0] for row in cursor.fetchall()}
        if FTS_TABLE not in present or set(TRIGGERS) <= present:
            return False
        for sql in TRIGGERS.values():
            cursor.execute(sql)
        cursor.execute("DELETE FROM content_article_fts")
        cursor.execute(
            "INSERT INTO content_article_fts(rowid, search_document) SELECT id, search_document FROM content_article"
        )
    return True
