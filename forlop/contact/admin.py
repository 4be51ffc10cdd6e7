from django.contrib import admin
from django.http import HttpRequest

from .models import ContactEnquiry

ENQUIRY_FIELDS = (
    "created_at",
    "status",
    "name",
    "email",
    "phone",
    "preferred_contact",
    "message",
    "consent_at",
    "handled_by",
    "handled_at",
)


@admin.register(ContactEnquiry)
class ContactEnquiryAdmin(admin.ModelAdmin):
    """Read-only, for administrators. Coordinators work with enquiries in the staff area.

    The list shows no names or messages. Every admin page of an enquiry is written to the access log by the
    admin site (forlop/audit/admin_site.py).
    """

    list_display = ["created_at", "status", "preferred_contact", "handled_at"]
    list_filter = ["status", "preferred_contact"]
    date_hierarchy = "created_at"
    fields = ENQUIRY_FIELDS
    readonly_fields = ENQUIRY_FIELDS

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ContactEnquiry | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: ContactEnquiry | None = None) -> bool:
        return False
