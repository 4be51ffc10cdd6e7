from django.urls import path, re_path

from . import api, staff_views, views

app_name = "booking"
urlpatterns = [
    path("bestill/<slug:slug>/", views.start, name="start"),
    path("bestilling/<str:token>/", views.details, name="details"),
    path("bestilling/<str:token>/se-over/", views.review, name="review"),
    path("bestilling/<str:token>/hold-igjen/", views.rehold, name="rehold"),
    path("bestilling/<str:token>/bekreftet/", views.done, name="done"),
    path("timer/<str:token>/", views.manage, name="manage"),
    path("timer/<str:token>/flytt/", views.move, name="move"),
    path("timer/<str:token>/avbestill/", views.cancel, name="cancel"),
    path("timer/<str:token>/kalender.ics", views.calendar_file, name="calendar_file"),
    path("timer/<str:token>/min-side/", views.create_account, name="create_account"),
    path("ansatt/kalender/", staff_views.calendar, name="calendar"),
    path("ansatt/kalender/timer/<int:pk>/utfall/", staff_views.outcome, name="outcome"),
    path("ansatt/kalender/timer/<int:pk>/avlys/", staff_views.cancel, name="staff_cancel"),
    path("ansatt/kalender/timer/<int:pk>/inviter/", staff_views.invite, name="staff_invite"),
    path("ansatt/kalender/arbeidstid/", staff_views.hours, name="hours"),
    path("kalender/abonnement/<str:token>.ics", staff_views.feed, name="feed"),
    path("api/v1/openapi.json", api.openapi, name="api_openapi"),
    path("api/v1/therapists", api.therapists, name="api_therapists"),
    path("api/v1/therapists/<str:slug>/slots", api.slots, name="api_slots"),
    path("api/v1/holds", api.create_hold, name="api_holds"),
    path("api/v1/holds/<str:token>/confirm", api.confirm, name="api_confirm"),
    re_path(r"^api/v1/(?P<rest>.*)$", api.unknown, name="api_unknown"),  # /api/v1/ itself too
]
