from django.urls import path

from . import staff_views

# Namespace "contact_staff", included under /ansatt/henvendelser/ from forlop/audit/urls.py.
urlpatterns = [
    path("", staff_views.enquiry_list, name="list"),
    path("<int:pk>/", staff_views.enquiry_detail, name="detail"),
]
