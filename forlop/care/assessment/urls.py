from django.urls import path

from . import views

app_name = "care_assessment"
urlpatterns = [
    path("ansatt/forlop/<int:course_pk>/kartlegging/", views.assessment, name="assessment"),
    path("ansatt/forlop/<int:course_pk>/kartlegging/lagre/", views.save, name="save"),
    path("ansatt/forlop/<int:course_pk>/kartlegging/avgjorelse/", views.decide, name="decide"),
]
