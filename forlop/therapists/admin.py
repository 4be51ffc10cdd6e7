from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .forms import TherapistAdminForm
from .models import FocusArea, Language, MeetingMode, Method, Therapist


@admin.register(Therapist)
class TherapistAdmin(admin.ModelAdmin):
    form = TherapistAdminForm
    list_display = [
        "name",
        "profession",
        "status",
        "has_pending_changes",
        "accepting_new_clients",
        "updated_at",
    ]
    list_filter = ["status", "profession", "accepting_new_clients", "medical_detox"]
    search_fields = ["name", "title", "hpr_number", "user__email"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["focus_areas", "methods", "languages", "meeting_modes"]
    autocomplete_fields = ["user"]
    readonly_fields = ["pending_changes_display", "submitted_at", "published_at", "updated_at"]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "user", "title", "profession", "hpr_number", "gender", "photo"]}),
        (_("Presentasjon"), {"fields": ["bio_short", "bio_long"]}),
        (
            _("Fagfelt"),
            {"fields": ["focus_areas", "methods", "languages", "meeting_modes", "place", "medical_detox"]},
        ),
        (_("Kapasitet"), {"fields": ["accepting_new_clients", "new_clients_per_week"]}),
        (
            _("Publisering"),
            {"fields": ["status", "pending_changes_display", "submitted_at", "published_at", "updated_at"]},
        ),
    ]

    @admin.display(boolean=True, description=_("endringer venter"))
    def has_pending_changes(self, obj: Therapist) -> bool:
        return bool(obj.pending_changes)

    @admin.display(description=_("endringer som venter på godkjenning"))
    def pending_changes_display(self, obj: Therapist) -> str:
        if not obj.pending_changes:
            return "–"
        rows: list[tuple[object, object]] = []
        for name, value in obj.pending_changes.items():
            if name == services.PHOTO:
                shown = (
                    format_html(
                        '<a href="{}">{}</a>',
                        reverse("therapists:staff_photo", kwargs={"name": value.rsplit("/", 1)[-1]}),
                        _("nytt portrett"),
                    )
                    if value
                    else _("portrettet fjernes")
                )
                rows.append((_("Portrett"), shown))
                continue
            label = getattr(Therapist._meta.get_field(name), "verbose_name", name)
            rows.append((label, ", ".join(value) if isinstance(value, list) else value))
        return format_html(
            "<dl>{}</dl><p>{}</p>",
            format_html_join("", "<dt>{}</dt><dd>{}</dd>", rows),
            _("Velg «Publiser» for å godkjenne endringene."),
        )

    @admin.action(description=_("Publiser"))
    def publish(self, request: HttpRequest, queryset: QuerySet[Therapist]) -> None:
        published = 0
        for therapist in queryset:
            services.publish(therapist=therapist)
            published += 1
        self.message_user(
            request,
            ngettext("%(count)d profil er publisert.", "%(count)d profiler er publisert.", published)
            % {"count": published},
            messages.SUCCESS,
        )

    @admin.action(description=_("Avpubliser"))
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Therapist]) -> None:
        count = 0
        for therapist in queryset:
            services.unpublish(therapist=therapist)
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d profil er tatt ut av oversikten.",
                "%(count)d profiler er tatt ut av oversikten.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


class VocabularyAdmin(admin.ModelAdmin):
    """Read-only: the rows mirror the matching engine's vocabulary and change only by migration."""

    list_display = ["__str__", "key", "position"]
    search_fields = ["key"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


for model in (FocusArea, Method, Language, MeetingMode):
    admin.site.register(model, VocabularyAdmin)
