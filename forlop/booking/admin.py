from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from forlop.audit.services import log_access

from .models import Booking, ConsultationType, TherapistPrice


class TherapistPriceInline(admin.TabularInline):
    model = TherapistPrice
    extra = 0


@admin.register(ConsultationType)
class ConsultationTypeAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "duration_minutes",
        "buffer_after_minutes",
        "price_ore",
        "mode",
        "doctors_only",
        "active",
    )
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("therapists",)
    inlines = [TherapistPriceInline]


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    """Read-only: bookings change through the booking service (locks, emails), not by editing rows."""

    list_display = ("start_at", "therapist", "consultation_type", "status")
    list_filter = ("status", "therapist")
    date_hierarchy = "start_at"
    # The client's details and note are personal (and possibly health) data: shown only on the change view,
    # and every such view is written to the access log.
    exclude = ("manage_salt", "checkout_token_hash", "manage_token_hash", "idempotency_key")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if response.status_code == 200:
            booking = self.get_object(request, object_id)
            if booking is not None:
                log_access(request=request, obj=booking, why=str(_("Administrasjon: lese en bestilling")))
        return response

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
