"""`<time datetime>` values are valid HTML: whole seconds, never Django's microseconds."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.template import Context, Template
from django.utils import timezone

from forlop.content.models import Article, Category

# HTML's "valid global date and time string" allows at most three digits after the seconds' decimal point.
VALID = re.compile(r"\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d{1,3})?)?([+-]\d\d:\d\d|Z))?")


def render(template: str, **context) -> str:
    return Template("{% load forlop_dates %}" + template).render(Context(context))


def test_it_writes_datetimes_to_the_second_with_the_offset():
    moment = datetime(2026, 3, 3, 9, 0, 5, 123456, tzinfo=UTC)
    assert render("{{ t|datetime_attr }}", t=moment) == "2026-03-03T10:00:05+01:00"
    assert render("{% load tz %}{{ t|utc|datetime_attr }}", t=moment) == "2026-03-03T09:00:05+00:00"
    assert render("{{ d|datetime_attr }}", d=date(2026, 12, 11)) == "2026-12-11"
    assert render("{{ x|datetime_attr }}", x=None) == ""


@pytest.mark.django_db
def test_every_time_element_on_the_article_pages_has_a_valid_datetime(client):
    category = Category.objects.create(name="Avrusning", slug="avrusning", position=1)
    published = (timezone.now() - timedelta(minutes=5)).replace(microsecond=654321)
    Article.objects.create(
        title="Avrusning",
        slug="avrusning",
        summary="Kort.",
        body="Tekst.",
        category=category,
        author="Kari",
        status=Article.Status.PUBLISHED,
        published_at=published,
    )
    for url in ["/", "/artikler/", "/artikler/avrusning/", "/en/artikler/avrusning/"]:
        html = client.get(url).content.decode()
        values = re.findall(r'<time datetime="([^"]*)"', html)
        assert values, url
        assert [v for v in values if not VALID.fullmatch(v)] == [], url
