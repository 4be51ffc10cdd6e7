from django.urls import path

from forlop.core.views import coming_soon

app_name = "content"
urlpatterns = [
    path("artikler/", coming_soon, {"title": "Artikler", "text": ""}, name="list"),
    path("artikler/<slug:slug>/", coming_soon, {"title": "Artikler", "text": ""}, name="detail"),
]
