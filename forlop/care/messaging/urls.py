from django.urls import path

from . import views

app_name = "care_messaging"
urlpatterns = [
    path("ansatt/forlop/<int:course_pk>/meldinger/", views.staff, name="staff"),
    path("ansatt/forlop/<int:course_pk>/meldinger/<int:thread_pk>/", views.staff_thread, name="staff_thread"),
    path("ansatt/meldinger/", views.inbox, name="inbox"),
    path("min-side/meldinger/", views.mine, name="mine"),
    path("min-side/meldinger/ny/", views.mine_new, name="mine_new"),
    path("min-side/meldinger/<int:thread_pk>/", views.mine_thread, name="mine_thread"),
]
