from django.urls import path

from . import views

app_name = "care"
urlpatterns = [
    path("ansatt/forlop/ny/", views.start, name="start"),
    path("ansatt/forlop/<int:course_pk>/", views.course, name="course"),
    path("ansatt/forlop/<int:course_pk>/fase/", views.change_phase, name="phase"),
    path("ansatt/forlop/<int:course_pk>/team/", views.change_team, name="team"),
    path("ansatt/forlop/<int:course_pk>/akuttilgang/", views.emergency, name="emergency"),
    path("ansatt/personvern/akuttilganger/", views.emergency_review, name="emergency_review"),
    path("ansatt/personvern/akuttilganger/<int:pk>/", views.emergency_reviewed, name="emergency_reviewed"),
]
