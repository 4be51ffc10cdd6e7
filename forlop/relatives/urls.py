from django.urls import include, path

from . import views

app_name = "relatives"
urlpatterns = [
    # Public: anyone close to someone can get their own account, without the person knowing.
    path("parorende/", views.start, name="start"),
    path("parorende/invitasjon/<str:token>/", views.invitation, name="invitation"),
    # The relative's own area.
    path("min-side/parorende/", views.home, name="home"),
    path("min-side/parorende/<int:pk>/", views.person, name="person"),
    # The person's tab: who may see what.
    path("min-side/deling/", views.consents, name="consents"),
    path("min-side/deling/ny/", views.add, name="add"),
    path("min-side/deling/<int:pk>/", views.dial, name="dial"),
    path("min-side/deling/<int:pk>/fjern/", views.remove, name="remove"),
    path("min-side/deling/oppsummering/", views.summary, name="summary"),
    # The relatives' course, the pårørendesamtale and the children material (craft/urls.py).
    path("", include("forlop.relatives.craft.urls")),
]
