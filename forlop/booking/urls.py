from django.urls import path

from . import staff_views, views

app_name = "booking"
urlpatterns = [
    path("bestill/<slug:slug>/", views.start, name="start"),
    path("bestilling/<str:token>/", views.details, name="details"),
    path("bestilling/<str:token>/se-over/", views.review, name="review"),
    path("bestilling/<str:token>/bekreftet/", views.done, name="done"),
    path("timer/<str:token>/", views.manage, name="manage"),
    path("timer/<str:token>/flytt/", views.move, name="move"),
    path("ansatt/kalender/", staff_views.calendar, name="calendar"),
]
