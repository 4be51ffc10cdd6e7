from django.urls import path

from . import views

app_name = "care_withdrawal"
urlpatterns = [
    path("ansatt/forlop/<int:course_pk>/abstinens/", views.series, name="series"),
    path("ansatt/forlop/<int:course_pk>/abstinens/ny/<str:instrument>/", views.new_entry, name="new"),
    path("ansatt/forlop/<int:course_pk>/abstinens/<int:entry_pk>/feil/", views.mark_error, name="mark_error"),
]
