from django.urls import path

from . import views

app_name = "selftest"
urlpatterns = [
    path("selvtest/", views.index, name="index"),
    path("selvtest/alkohol/", views.audit, name="audit"),
    path("selvtest/rusmidler/", views.dudit, name="dudit"),
]
