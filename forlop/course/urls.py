from django.urls import path
from django.utils.translation import gettext_lazy as _

from forlop.core.views import coming_soon

app_name = "course"
urlpatterns = [
    path(
        "kurs/5-tegn/",
        coming_soon,
        {
            "title": _("Gratis e-postkurs: 5 vanlige tegn på rusmisbruk"),
            "text": _(
                "Det gratis e-postkurset er snart klart. Til da finner du mye av det samme i artiklene våre, "
                "og du kan alltid ta kontakt for en uforpliktende førstesamtale."
            ),
        },
        name="signup",
    ),
]
