from django.urls import path
from django.utils.translation import gettext_lazy as _

from forlop.core.views import coming_soon

app_name = "matching"
urlpatterns = [
    path(
        "finn-terapeut/",
        coming_soon,
        {
            "title": _("Match meg med en terapeut"),
            "text": _(
                "Skjemaet der du forteller hva du trenger hjelp med, og vi foreslår terapeuten som passer best, "
                "er snart klart. Til da kan du skrive til oss via kontaktskjemaet, så finner vi en terapeut sammen."
            ),
        },
        name="match",
    ),
]
