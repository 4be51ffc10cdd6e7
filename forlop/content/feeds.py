"""Atom feed of the newest articles. Links are absolute on settings.SITE_URL, not the request's host."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from forlop.content.models import Article

FEED_SIZE = 20


class LatestArticlesFeed(Feed):
    feed_type = Atom1Feed
    language = "nb"
    title = _("Forløp – artikler om rus, avrusning og behandling")
    subtitle = _("Nye og oppdaterte fagartikler fra Forløp.")

    def link(self) -> str:
        return settings.SITE_URL + reverse("content:list")

    def feed_url(self) -> str:
        return settings.SITE_URL + reverse("content:feed")

    def author_name(self) -> str:
        return settings.PRACTICE_NAME

    def items(self):
        return (
            Article.objects.published()
            .select_related("written_by__therapist_profile")
            .defer("body", "body_html", "search_document")[:FEED_SIZE]
        )

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        return item.summary

    def item_link(self, item: Article) -> str:
        return settings.SITE_URL + item.get_absolute_url()

    def item_author_name(self, item: Article) -> str:
        return item.byline

    def item_pubdate(self, item: Article):
        return item.published_at

    def item_updateddate(self, item: Article):
        return item.updated_at
