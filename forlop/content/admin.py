from django.contrib import admin
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forlop.accounts.models import User
from forlop.audit import policy
from forlop.audit.access import staff_only
from forlop.audit.policy import Data
from forlop.content.models import Article, Category
from forlop.content.views import detail_context


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "category",
        "status",
        "published_at",
        "gives_medical_advice",
        "medically_reviewed_by",
        "updated_at",
    ]
    list_filter = ["status", "category", "gives_medical_advice"]
    list_select_related = ["category", "medically_reviewed_by"]
    search_fields = ["title", "summary", "body", "author", "written_by__full_name"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "published_at"
    # The medical review is recorded by a doctor on the staff page (services.mark_medically_reviewed), never
    # typed here.
    readonly_fields = ["updated_at", "medically_reviewed_by", "medically_reviewed_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "summary", "body"]}),
        (_("Forfatter"), {"fields": ["written_by", "author"]}),
        (
            _("Faglig og medisinsk gjennomgang"),
            {
                "fields": [
                    "reviewed_by",
                    "gives_medical_advice",
                    "medically_reviewed_by",
                    "medically_reviewed_at",
                ]
            },
        ),
        (_("Publisering"), {"fields": ["status", "published_at", "updated_at"]}),
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "reviewed_by":
            # Only clinicians review articles; the list would otherwise include every client account.
            kwargs["queryset"] = User.objects.staff().filter(Q(is_doctor=True) | Q(is_therapist=True))
        elif db_field.name == "written_by":
            kwargs["queryset"] = User.objects.staff().order_by("full_name")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_urls(self) -> list[URLPattern]:
        preview = staff_only(*policy.roles(Data.ADMIN))(self.admin_site.admin_view(self.preview_view))
        # Before the default URLs: "<path:object_id>/" would otherwise swallow ".../preview/".
        return [
            path("<int:object_id>/preview/", preview, name="content_article_preview"),
            *super().get_urls(),
        ]

    def preview_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        """The public article page for any article, drafts and scheduled ones included."""
        article = get_object_or_404(Article.objects.with_people(), pk=object_id)
        context = detail_context(article)
        context.update(
            preview=True,
            preview_scheduled=article.published_at > timezone.now(),
            preview_back_url=reverse("admin:content_article_change", args=[article.pk]),
        )
        return render(request, "content/article_detail.html", context)
