from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import AccessLog


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    """Read-only: the log is append-only, and nobody adds entries by hand.

    The log shows names and email addresses, so reading it is logged like any other personal data, by the
    admin site (forlop/audit/admin_site.py): the list once per page view, an entry with its person as subject.
    """

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

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [field.name for field in self.model._meta.fields]
