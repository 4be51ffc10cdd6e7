from django.urls import path

from . import views

app_name = "care_measures"
urlpatterns = [
    path("min-side/forlop/skjemaer/", views.mine, name="mine"),
    path("min-side/forlop/skjemaer/fyll-ut/<str:instrument>/", views.fill, name="fill"),
    path("min-side/forlop/skjemaer/svar/<int:pk>/", views.answer, name="answer"),
    path("ansatt/forlop/<int:course_pk>/skjemaer/", views.staff, name="staff"),
    path("ansatt/forlop/<int:course_pk>/skjemaer/ny/<str:instrument>/", views.staff_new, name="staff_new"),
]
