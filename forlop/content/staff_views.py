"""Staff pages for articles: the list of articles a doctor still has to review, the article as the doctor reads
it, and the doctor's "reviewed" button. Articles hold no personal data, so these are staff-only pages."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from forlop.audit import policy
from forlop.audit.access import staff_only
from forlop.audit.policy import Act, Data
from forlop.content import services
from forlop.content.models import Article
from forlop.content.views import detail_context


@staff_only(*policy.roles(Data.ARTICLE_REVIEW))
@require_GET
def medical_reviews(request: HttpRequest) -> HttpResponse:
    articles = list(
        Article.objects.needing_medical_review()
        .select_related("category", "medically_reviewed_by")
        .defer("body", "body_html", "search_document")
    )
    return render(request, "content/staff/medical_reviews.html", {"articles": articles})


@staff_only(*policy.roles(Data.ARTICLE_REVIEW))
@require_GET
def medical_review(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.with_people(), pk=pk)
    context = detail_context(article)
    context["staff_review"] = True
    return render(request, "content/staff/medical_review.html", context)


@staff_only(*policy.roles(Data.ARTICLE_REVIEW, Act.CHANGE))
@require_POST
def mark_reviewed(request: HttpRequest, pk: int) -> HttpResponse:
    outcome = services.mark_medically_reviewed(
        article_id=pk,
        reviewed_digest=request.POST.get("digest", ""),
        by=request.user,  # type: ignore[arg-type]  # staff_only: a verified, logged-in doctor
    )
    if outcome is services.ReviewOutcome.NOT_FOUND:
        raise Http404
    if outcome is services.ReviewOutcome.CHANGED:
        messages.warning(
            request,
            _(
                "Artikkelen er endret etter at du åpnet den, så den er ikke markert som gjennomgått. "
                "Les den nye versjonen og marker den på nytt."
            ),
        )
        return redirect("content:staff:medical_review", pk=pk)
    messages.success(request, _("Artikkelen er markert som medisinsk gjennomgått av deg."))
    return redirect("content:staff:medical_reviews")
