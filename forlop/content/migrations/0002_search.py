# Full-text search for articles. SQLite: an FTS5 table over the stemmed `search_document`, kept in step by
# triggers. PostgreSQL: a GIN index over the same expression ArticleQuerySet.search() filters on. Each part is
# created only on its own database; the other database gets nothing.

import re

import snowballstemmer
from django.db import migrations, models

# Kept in this file (not imported from forlop.content) so the migration keeps doing what it did when written.
FTS_SQL = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS content_article_fts USING fts5(search_document, tokenize='unicode61')",
    """CREATE TRIGGER IF NOT EXISTS content_article_fts_insert AFTER INSERT ON content_article BEGIN
        INSERT INTO content_article_fts(rowid, search_document) VALUES (new.id, new.search_document);
    END""",
    """CREATE TRIGGER IF NOT EXISTS content_article_fts_update AFTER UPDATE ON content_article BEGIN
        DELETE FROM content_article_fts WHERE rowid = old.id;
        INSERT INTO content_article_fts(rowid, search_document) VALUES (new.id, new.search_document);
    END""",
    """CREATE TRIGGER IF NOT EXISTS content_article_fts_delete AFTER DELETE ON content_article BEGIN
        DELETE FROM content_article_fts WHERE rowid = old.id;
    END""",
    "DELETE FROM content_article_fts",
    "INSERT INTO content_article_fts(rowid, search_document) SELECT id, search_document FROM content_article",
]
FTS_DROP_SQL = [
    "DROP TRIGGER IF EXISTS content_article_fts_insert",
    "DROP TRIGGER IF EXISTS content_article_fts_update",
    "DROP TRIGGER IF EXISTS content_article_fts_delete",
    "DROP TABLE IF EXISTS content_article_fts",
]
PG_INDEX_SQL = """
    CREATE INDEX IF NOT EXISTS content_article_search_idx ON content_article USING gin ((
        (setweight(to_tsvector('norwegian'::regconfig, COALESCE(title, '')), 'A')
         || setweight(to_tsvector('norwegian'::regconfig, COALESCE(summary, '')), 'B'))
        || setweight(to_tsvector('norwegian'::regconfig, COALESCE(body, '')), 'C')
    ))
"""
PG_DROP_SQL = "DROP INDEX IF EXISTS content_article_search_idx"


def fill_search_documents(apps, schema_editor):
    # Historical models have no custom save(), so derive the documents here the way Article.save() does.
    stemmer = snowballstemmer.stemmer("norwegian")
    Article = apps.get_model("content", "Article")
    for article in Article.objects.using(schema_editor.connection.alias).only("title", "summary", "body"):
        text = "\n".join([article.title] * 3 + [article.summary] * 2 + [article.body]).lower()
        article.search_document = " ".join(stemmer.stemWords(re.findall(r"[^\W_]+", text)))
        article.save(update_fields=["search_document"])


def create_search_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for sql in FTS_SQL:
            schema_editor.execute(sql)
    elif vendor == "postgresql":
        schema_editor.execute(PG_INDEX_SQL)


def drop_search_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for sql in FTS_DROP_SQL:
            schema_editor.execute(sql)
    elif vendor == "postgresql":
        schema_editor.execute(PG_DROP_SQL)


class Migration(migrations.Migration):

    dependencies = [
        ('content', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='article',
            name='search_document',
            field=models.TextField(blank=True, default='', editable=False),
        ),
        migrations.RunPython(fill_search_documents, migrations.RunPython.noop),
        migrations.RunPython(create_search_index, drop_search_index),
    ]
