from django.urls import path

from . import views

app_name = "care_tapering"

STAFF = "ansatt/forlop/<int:course_pk>/nedtrapping/"
urlpatterns = [
    path(STAFF, views.plans, name="plans"),
    path(f"{STAFF}ny/", views.create, name="create"),
    path(f"{STAFF}<int:plan_pk>/ny-versjon/", views.new_version, name="new_version"),
    path(f"{STAFF}<int:plan_pk>/v<int:number>/", views.version, name="version"),
    path(f"{STAFF}<int:plan_pk>/v<int:number>/endre/", views.edit, name="edit"),
    path(f"{STAFF}<int:plan_pk>/v<int:number>/godkjenn/", views.approve, name="approve"),
    path("min-side/forlop/nedtrapping/", views.mine, name="mine"),
    path("min-side/forlop/nedtrapping/<int:plan_pk>/", views.mine_plan, name="mine_plan"),
    path("min-side/forlop/nedtrapping/<int:plan_pk>/utskrift/", views.mine_print, name="mine_print"),
]
