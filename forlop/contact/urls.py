from django.urls import path

from . import views

app_name = "contact"
urlpatterns = [
    path("kontakt/", views.contact_form, name="form"),
    path("kontakt/takk/", views.thanks, name="thanks"),
]
