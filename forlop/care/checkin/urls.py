from django.urls import path  # noqa: F401

app_name = "care_checkin"
urlpatterns: list = []
