from django.urls import path

from . import views

app_name = "care_modules"
urlpatterns = [
    path("ansatt/forlop/<int:course_pk>/moduler/", views.staff, name="staff"),
    path("ansatt/forlop/<int:course_pk>/moduler/plan/", views.schedule, name="schedule"),
    path(
        "ansatt/forlop/<int:course_pk>/moduler/svar/<int:answer_pk>/kommentar/", views.comment, name="comment"
    ),
    path("ansatt/forlop/<int:course_pk>/moduler/svar/<int:answer_pk>/lest/", views.seen, name="seen"),
    path("min-side/forlop/moduler/", views.mine, name="mine"),
    path("min-side/forlop/ovelse-mot-suget/", views.craving_exercise, name="craving_exercise"),
    path("min-side/forlop/moduler/<slug:slug>/", views.mine_module, name="mine_module"),
    path("min-side/forlop/moduler/<slug:slug>/ferdig/", views.mine_done, name="mine_done"),
]
