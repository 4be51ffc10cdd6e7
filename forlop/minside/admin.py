from django.contrib import admin

from .models import DeletionRequest


@admin.register(DeletionRequest)
class DeletionRequestAdmin(admin.ModelAdmin):
    """Administrators see every deletion request, open ones first; they are created only from Min side."""

    list_display = ("requested_at", "handled_at")  # no names in the list
    list_filter = ("handled_at",)
    readonly_fields = ("person", "requested_at", "requested_by", "note")
    fields = ("person", "requested_at", "requested_by", "note", "handled_at")

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
