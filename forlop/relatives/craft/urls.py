"""Included from forlop/relatives/urls.py: names are `relatives:craft:<name>`."""

from django.urls import path

from . import views

app_name = "craft"
urlpatterns = [
    # The relative's own course.
    path("min-side/parorende/kurs/", views.lessons, name="lessons"),
    path("min-side/parorende/kurs/<slug:slug>/", views.lesson, name="lesson"),
    # Public: the first lesson, and who offers the pårørendesamtale.
    path("parorende/kurs/", views.preview, name="preview"),
    path("parorende/samtale/", views.talk, name="talk"),
    # The person's Min side: talking with children.
    path("min-side/forlop/barn/", views.children, name="children"),
]
