from django.urls import path, register_converter

from . import views


class PhotoNameConverter:
    """Only the random names this app gives portraits: no slashes, dots only before the suffix."""

    regex = r"[A-Za-z0-9_-]{8,64}\.jpg"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(PhotoNameConverter, "photo_name")

app_name = "therapists"
urlpatterns = [
    path("terapeuter/", views.directory, name="list"),
    path("terapeuter/bilde/<photo_name:name>", views.photo, name="photo"),
    path("terapeuter/<slug:slug>/", views.detail, name="detail"),
    path("ansatt/profil/", views.edit_own, name="edit_own"),
    path("ansatt/profil/bilde/<photo_name:name>", views.staff_photo, name="staff_photo"),
]
