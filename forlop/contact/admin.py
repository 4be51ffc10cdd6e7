from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from forlop.audit.services import log_access

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

    The list shows no names or messages; opening one is written to the access log like any other view of
    personal data.
    """

    list_display = ["created_at", "status", "preferred_contact", "handled_at"]
    list_filter = ["status", "preferred_contact"]
    date_hierarchy = "created_at"
    fields = ENQUIRY_FIELDS
    readonly_fields = ENQUIRY_FIELDS

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict | None = None
    ) -> HttpResponse:
        response = super().change_view(request, object_id, form_url, extra_context)
        if response.status_code == 200:
            enquiry = self.get_object(request, object_id)
            if enquiry is not None:
                log_access(request=request, obj=enquiry, why=str(_("Administrasjon: lese en henvendelse")))
        return response

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ContactEnquiry | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: ContactEnquiry | None = None) -> bool:
        return False
