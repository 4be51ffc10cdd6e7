from django.conf import settings

from forlop.lib.crisis import CRISIS_CONTACTS, EMERGENCY, LEGEVAKT, MENTAL_HELSE, RUSINFO


def site(request):
    return {
        "PRACTICE_NAME": settings.PRACTICE_NAME,
        "PRACTICE_EMAIL": settings.PRACTICE_EMAIL,
        "PRACTICE_PHONE": settings.PRACTICE_PHONE,
        "SITE_URL": settings.SITE_URL,
        "CRISIS_CONTACTS": CRISIS_CONTACTS,
        "EMERGENCY": EMERGENCY,
        "LEGEVAKT": LEGEVAKT,
        "RUSINFO": RUSINFO,
        "MENTAL_HELSE": MENTAL_HELSE,
    }
