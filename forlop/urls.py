from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from django.utils.translation import gettext_lazy as _

from forlop.site import views as site_views

# Not translated: machine endpoints.
urlpatterns: list[URLPattern | URLResolver] = [
    path("healthz", site_views.healthz, name="healthz"),
]

urlpatterns += i18n_patterns(
    path("", include("forlop.site.urls")),
    path("", include("forlop.content.urls")),
    path("", include("forlop.contact.urls")),
    path("", include("forlop.accounts.urls")),
    path("", include("forlop.audit.urls")),
    path("", include("forlop.therapists.urls")),
    path("", include("forlop.matching.urls")),
    path("", include("forlop.scheduling.urls")),
    path("", include("forlop.booking.urls")),
    path("", include("forlop.selftest.urls")),
    path("", include("forlop.course.urls")),
    path("", include("forlop.staff.urls")),
    path("", include("forlop.minside.urls")),
    path("", include("forlop.care.urls")),
    path("", include("forlop.care.assessment.urls")),
    path("", include("forlop.care.withdrawal.urls")),
    path("", include("forlop.care.tapering.urls")),
    path("", include("forlop.care.plan.urls")),
    path("", include("forlop.care.journal.urls")),
    path("", include("forlop.care.checkin.urls")),
    path("", include("forlop.care.modules.urls")),
    path("", include("forlop.care.measures.urls")),
    path("", include("forlop.care.relapse.urls")),
    path("", include("forlop.care.messaging.urls")),
    path("", include("forlop.relatives.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

admin.site.site_header = _("Forløp – administrasjon")
admin.site.site_title = settings.PRACTICE_NAME
admin.site.index_title = _("Administrasjon")

handler400 = "forlop.site.views.bad_request"
handler404 = "forlop.site.views.page_not_found"
handler500 = "forlop.site.views.server_error"
