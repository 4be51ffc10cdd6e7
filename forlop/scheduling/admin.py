from django.contrib import admin

from .models import BookingSettings, DateOverride, WorkingHours


@admin.register(WorkingHours)
class WorkingHoursAdmin(admin.ModelAdmin):
    list_display = ("therapist", "weekday", "start", "end")
    list_filter = ("therapist", "weekday")


@admin.register(DateOverride)
class DateOverrideAdmin(admin.ModelAdmin):
    list_display = ("therapist", "day", "start", "end", "note")
    list_filter = ("therapist",)
    date_hierarchy = "day"


@admin.register(BookingSettings)
class BookingSettingsAdmin(admin.ModelAdmin):
    list_display = ("therapist", "min_notice_hours", "horizon_weeks", "max_per_day", "close_on_holidays")
