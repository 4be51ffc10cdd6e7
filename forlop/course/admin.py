from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from forlop.audit import policy
from forlop.audit.access import staff_only
from forlop.audit.policy import Data
from forlop.content.rendering import word_count
from forlop.outbox.services import render_email

from . import services
from .models import Lesson

PREVIEW_FIRST_NAME = "Kari"


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin):
    """The ten lessons (five in two versions) are edited here; there is never an eleventh or a ninth."""

    list_display = ["number", "audience", "title", "words", "updated_at", "preview_link"]
    list_display_links = ["number", "title"]
    list_filter = ["audience"]
    ordering = ["audience", "number"]
    readonly_fields = ["number", "audience", "updated_at", "preview_link"]
    fields = ["number", "audience", "title", "subject", "body", "updated_at", "preview_link"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Lesson | None = None) -> bool:
        return False

    @admin.display(description=_("ord"))
    def words(self, lesson: Lesson) -> int:
        return word_count(lesson.body)

    @admin.display(description=_("forhåndsvisning"))
    def preview_link(self, lesson: Lesson) -> str:
        if lesson.pk is None:
            return "–"
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:course_lesson_preview", args=[lesson.pk]), _("Forhåndsvis")
        )

    def get_urls(self) -> list[URLPattern]:
        preview = staff_only(*policy.roles(Data.ADMIN))(self.admin_site.admin_view(self.preview_view))
        # Before the default URLs: "<path:object_id>/" would otherwise swallow ".../preview/".
        return [path("<int:object_id>/preview/", preview, name="course_lesson_preview"), *super().get_urls()]

    def preview_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        """The lesson email exactly as the outbox will render it (HTML and plain text), for a sample reader."""
        lesson = get_object_or_404(Lesson, pk=object_id)
        unsubscribe_url = services.absolute_url("course:unsubscribe", token="eksempel")  # noqa: S106  # a sample link, not a secret
        subject, text, html = render_email(
            template="course_lesson",
            context=services.lesson_email_context(
                lesson=lesson, first_name=PREVIEW_FIRST_NAME, unsubscribe_url=unsubscribe_url
            ),
        )
        return render(
            request,
            "course/lesson_preview.html",
            {
                "lesson": lesson,
                "subject": subject,
                "text": text,
                "html": html,
                "headers": services.unsubscribe_headers(unsubscribe_url),
                "words": word_count(lesson.body),
                "change_url": reverse("admin:course_lesson_change", args=[lesson.pk]),
                "first_name": PREVIEW_FIRST_NAME,
            },
        )
