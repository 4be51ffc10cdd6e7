from django.urls import path

from . import staff_views, views

app_name = "matching"
urlpatterns = [
    # The public form.
    path("finn-terapeut/", views.match, name="match"),
    path("finn-terapeut/steg/<int:number>/", views.step, name="step"),
    path("finn-terapeut/oppsummering/", views.summary, name="summary"),
    path("finn-terapeut/takk/", views.thanks, name="thanks"),
    path("finn-terapeut/avbryt/", views.cancel, name="cancel"),
    path("finn-terapeut/selvtest/", views.attach_selftest, name="attach_selftest"),
    # The staff queue.
    path("ansatt/foresporsler/", staff_views.queue, name="queue"),
    path("ansatt/foresporsler/mine/", staff_views.mine, name="mine"),
    path("ansatt/foresporsler/medisinsk/", staff_views.medical, name="medical"),
    path("ansatt/foresporsler/<int:pk>/", staff_views.request_detail, name="request_detail"),
    path("ansatt/foresporsler/<int:pk>/foresla/", staff_views.suggest, name="suggest"),
    path("ansatt/foresporsler/<int:pk>/sporsmal/", staff_views.question, name="question"),
    path("ansatt/foresporsler/<int:pk>/lukk/", staff_views.close, name="close"),
    path("ansatt/foresporsler/<int:pk>/legevurdering/", staff_views.doctor_decision, name="doctor_decision"),
]
