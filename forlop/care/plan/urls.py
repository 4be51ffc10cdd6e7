from django.urls import path

from . import views

app_name = "care_plan"
urlpatterns = [
    path("ansatt/forlop/<int:course_pk>/behandlingsplan/", views.plan, name="plan"),
    path("ansatt/forlop/<int:course_pk>/behandlingsplan/endre/", views.edit, name="edit"),
    path("ansatt/forlop/<int:course_pk>/behandlingsplan/evaluering/", views.evaluate, name="evaluate"),
    path("min-side/forlop/", views.mine, name="mine"),
]
