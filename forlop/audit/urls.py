from django.urls import include, path

from . import views

# No app_name here on purpose: this module carries two namespaces, "audit" and "contact_staff" (the staff
# side of the contact form, which lives in forlop/contact but is about access to personal data).
audit_patterns = [
    path("ansatt/tilgangslogg/", views.log_list, name="log"),
    path("ansatt/tilgangslogg/eksport/", views.export, name="export"),
]

urlpatterns = [
    path("", include((audit_patterns, "audit"))),
    path("ansatt/henvendelser/", include(("forlop.contact.staff_urls", "contact_staff"))),
]
