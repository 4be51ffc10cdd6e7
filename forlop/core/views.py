from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from forlop.audit.access import public
from forlop.content.models import Article
from forlop.core import health
from forlop.core.pagecache import cache_public_page


@public
@require_GET
@cache_public_page
def home(request: HttpRequest) -> HttpResponse:
    latest = Article.objects.published().select_related("category")[:3]
    return render(request, "core/home.html", {"latest_articles": latest})


@public
@require_GET
def crisis(request: HttpRequest) -> HttpResponse:
    return render(request, "core/crisis.html")


@public
@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html")


@public
@require_GET
def coming_soon(request: HttpRequest, *, title: str, text: str) -> HttpResponse:
    return render(request, "core/coming_soon.html", {"title": title, "text": text})


@never_cache
@public
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Database read and write, the worker's heartbeat, the outbox delay (forlop/core/health.py)."""
    status, body = health.check()
    return JsonResponse(body, status=status)


@public
def bare(request: HttpRequest) -> HttpResponse:
    """A bare Django view, used only by benchmarks/http_load.py as the throughput baseline."""
    return HttpResponse("ok", content_type="text/plain")


def server_error(request: HttpRequest) -> HttpResponse:
    """500 page with the crisis numbers; falls back to plain text if even the template fails."""
    try:
        return render(request, "500.html", status=500)
    except Exception:
        return HttpResponse(
            "Noe gikk galt. Ved fare for liv: ring 113. Legevakt: 116 117.",
            status=500,
            content_type="text/plain; charset=utf-8",
        )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "csrf_failure.html", status=403)
