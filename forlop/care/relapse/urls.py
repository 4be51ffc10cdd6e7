from django.urls import path

from . import views

app_name = "care_relapse"
urlpatterns = [
    path("ansatt/forlop/<int:course_pk>/tilbakefallsplan/", views.staff, name="staff"),
    path("ansatt/forlop/<int:course_pk>/tilbakefallsplan/lagre/", views.staff_save, name="staff_save"),
    path("min-side/forlop/tilbakefallsplan/", views.mine, name="mine"),
    path("min-side/forlop/tilbakefallsplan/endre/", views.mine_save, name="mine_save"),
]
