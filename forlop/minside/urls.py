from django.urls import path

from . import views

app_name = "minside"
urlpatterns = [
    path("min-side/", views.appointments, name="home"),
    path("min-side/sendt/", views.sent, name="sent"),
    path("min-side/sendt/kurs/<int:pk>/meld-av/", views.leave_course, name="leave_course"),
    path(
        "min-side/sendt/foresporsel/<int:pk>/trekk-tilbake/", views.withdraw_request, name="withdraw_request"
    ),
    path("min-side/logg/", views.access_log, name="log"),
    path("min-side/mine-opplysninger/", views.my_data, name="data"),
    path("min-side/mine-opplysninger/last-ned.json", views.export_json, name="export_json"),
    path("min-side/mine-opplysninger/utskrift/", views.export_html, name="export_html"),
    path("min-side/mine-opplysninger/slett/", views.delete_account, name="delete"),
]
