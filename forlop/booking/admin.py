from django.contrib import admin

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
        "for_new_clients",
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
    # The client's details and note are personal (and possibly health) data: shown only on the change view.
    # Every admin page of a booking is written to the access log by the admin site (forlop/audit/admin_site.py).
    exclude = ("manage_salt", "checkout_token_hash", "manage_token_hash", "idempotency_key")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
