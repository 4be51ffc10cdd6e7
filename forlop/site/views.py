"""The public site's own pages, /healthz's answer and the error pages (forlop.core holds the machinery)."""

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from forlop.audit.access import public
from forlop.content.models import Article
from forlop.content.pagecache import cache_public_page
from forlop.core import health
from forlop.lib import jsonbody


@public
@require_GET
@cache_public_page
def home(request: HttpRequest) -> HttpResponse:
    latest = Article.objects.published().select_related("category")[:3]
    return render(request, "site/home.html", {"latest_articles": latest})


@public
@require_GET
def crisis(request: HttpRequest) -> HttpResponse:
    return render(request, "site/crisis.html")


@public
@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "site/privacy.html")


@public
@require_GET
def coming_soon(request: HttpRequest, *, title: str, text: str) -> HttpResponse:
    return render(request, "site/coming_soon.html", {"title": title, "text": text})


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
    """500 page with the crisis numbers; falls back to plain text if even the template fails. Views marked
    `json_errors` (the API) get their JSON error instead."""
    if jsonbody.wants_json_errors(request):
        return jsonbody.error_response(500, "server_error", _("Noe gikk galt hos oss. Prøv igjen om litt."))
    try:
        return render(request, "500.html", status=500)
    except Exception:
        return HttpResponse(
            "Noe gikk galt. Ved fare for liv: ring 113. Legevakt: 116 117.",
            status=500,
            content_type="text/plain; charset=utf-8",
        )


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's 400 page, or the API's JSON error (413 for a body over DATA_UPLOAD_MAX_MEMORY_SIZE)."""
    if jsonbody.wants_json_errors(request):
        if isinstance(exception, RequestDataTooBig):
            return jsonbody.error_response(413, "payload_too_large", _("Innholdet er for stort."))
        return jsonbody.error_response(400, "validation_error", _("Forespørselen kunne ikke leses."))
    return defaults.bad_request(request, exception)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The 404 page, or the API's JSON error for a view marked `json_errors`."""
    if jsonbody.wants_json_errors(request):
        return jsonbody.error_response(404, "not_found", _("Denne adressen finnes ikke i API-et."))
    return defaults.page_not_found(request, exception)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "csrf_failure.html", status=403)
