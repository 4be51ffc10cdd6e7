from django.urls import path

from . import views

app_name = "care_journal"
urlpatterns = [
    path("ansatt/forlop/<int:course_pk>/journal/", views.notes, name="notes"),
    path("ansatt/forlop/<int:course_pk>/journal/<int:note_pk>/endre/", views.edit, name="edit"),
    path("ansatt/forlop/<int:course_pk>/journal/<int:note_pk>/signer/", views.sign, name="sign"),
    path("ansatt/forlop/<int:course_pk>/journal/<int:note_pk>/tillegg/", views.amend, name="amend"),
    path(
        "ansatt/forlop/<int:course_pk>/journal/<int:note_pk>/hold-tilbake/", views.withhold, name="withhold"
    ),
    path("ansatt/forlop/<int:course_pk>/journal/<int:note_pk>/opphev/", views.lift, name="lift"),
    path("min-side/forlop/journal/", views.mine, name="mine"),
]
