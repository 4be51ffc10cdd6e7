from django.urls import path

from . import views

app_name = "care_checkin"
urlpatterns = [
    path("min-side/forlop/innsjekk/", views.mine, name="mine"),
    path("min-side/forlop/innsjekk/i-gar/", views.mine_yesterday, name="mine_yesterday"),
    path("min-side/forlop/innsjekk/<str:day>/", views.saved, name="saved"),
    path("min-side/forlop/fremgang/", views.mine_progress, name="progress"),
    path("ansatt/forlop/<int:course_pk>/innsjekk/", views.staff, name="staff"),
    path("ansatt/forlop/<int:course_pk>/innsjekk/sett/", views.mark_seen, name="mark_seen"),
]
