# pg_trgm for the spelling suggestions of article search on PostgreSQL (ArticleQuerySet.spelling_suggestion).
# Django's CreateExtension does nothing on other databases, so this is a no-op on SQLite. pg_trgm is a trusted
# extension (PostgreSQL 13+): the database owner may create it without being a superuser.

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("content", "0004_bylines_and_medical_review"),
    ]

    operations = [
        TrigramExtension(),
    ]
