from django.urls import include, path

from . import views

app_name = "course"

# A namespace of their own ("course:staff"), so the public menu's "Gratis kurs" is not marked current there.
staff_patterns = [
    path("ansatt/kurs/", views.figures, name="figures"),
]

urlpatterns = [
    path("kurs/5-tegn/", views.signup, name="signup"),
    path("kurs/5-tegn/sjekk-e-posten/", views.check_inbox, name="check_inbox"),
    path("kurs/5-tegn/bekreft/<slug:token>/", views.confirm, name="confirm"),
    path("kurs/5-tegn/avmeld/<slug:token>/", views.unsubscribe, name="unsubscribe"),
    path("kurs/5-tegn/avmeldt/", views.unsubscribed, name="unsubscribed"),
    path("", include((staff_patterns, "staff"))),
]
