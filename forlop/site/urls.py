from django.urls import path

from . import views

app_name = "site"

urlpatterns = [
    path("", views.home, name="home"),
    path("hjelp-na/", views.crisis, name="crisis"),
    path("personvern/", views.privacy, name="privacy"),
    path("_bare/", views.bare, name="bare"),
]
