from django.urls import path

from . import views

app_name = "staff"  # settings.LOGIN_REDIRECT_URL is "staff:dashboard"

urlpatterns = [
    path("ansatt/", views.dashboard, name="dashboard"),
    path("ansatt/forlop/", views.caseload, name="caseload"),
]
