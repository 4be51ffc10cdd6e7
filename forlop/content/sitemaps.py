"""sitemap.xml for search engines. Addresses are built from settings.SITE_URL, never from the request's Host
header, so a forged Host cannot put foreign URLs in the sitemap."""

from types import SimpleNamespace
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from forlop.content.models import Article


class SiteUrlSitemap(Sitemap):
    def get_urls(self, page=1, site=None, protocol=None):
        parts = urlsplit(settings.SITE_URL)
        return super().get_urls(page=page, site=SimpleNamespace(domain=parts.netloc), protocol=parts.scheme)


class PagesSitemap(SiteUrlSitemap):
    """The public pages that are not articles."""

    def items(self) -> list[str]:
        return [
            "site:home",
            "site:crisis",
            "site:privacy",
            "content:list",
            "matching:match",
            "course:signup",
            "contact:form",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


class ArticleSitemap(SiteUrlSitemap):
    def items(self):
        return Article.objects.published().only("slug", "updated_at")

    def lastmod(self, item: Article):
        return item.updated_at


SITEMAPS: dict[str, type[Sitemap] | Sitemap] = {"pages": PagesSitemap, "articles": ArticleSitemap}
