from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import AccessLog
from .services import Ref, log_access

PURPOSE = "Kontroll av tilgangslogg i administrasjonen"


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    """Read-only: the log is append-only, and nobody adds entries by hand."""

    list_display = ("at", "user_label", "roles", "action", "object_type", "object_id", "subject_label", "why")
    list_filter = ("action", "at", "object_type", "subject_type")
    search_fields = ("user_label", "subject_label", "subject_id", "request_id")
    date_hierarchy = "at"
    list_select_related = False
    show_full_result_count = False
    actions = None

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    # The log shows names and email addresses, so reading it is logged like any other personal data.
    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> Any:
        response = super().changelist_view(request, extra_context)
        if request.method == "GET" and response.status_code == 200:
            log_access(request=request, obj=Ref("audit.accesslog", "", "Tilgangslogg"), why=PURPOSE)
        return response

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> Any:
        response = super().change_view(request, object_id, form_url, extra_context)
        entry = AccessLog.objects.filter(pk=object_id).first() if object_id.isdigit() else None
        if entry is not None and response.status_code == 200:
            subject = Ref(entry.subject_type, entry.subject_id, entry.subject_label)
            log_access(request=request, obj=entry, subject=subject, why=PURPOSE)
        return response

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [field.name for field in self.model._meta.fields]
