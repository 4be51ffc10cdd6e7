from django.urls import path

from forlop.core.views import coming_soon

app_name = "contact"
urlpatterns = [
    path("kontakt/", coming_soon, {"title": "Kontakt", "text": ""}, name="form"),
]
