from django.conf import settings
from django.core.checks import Error, Tags, register
from django.db import DatabaseError


@register(Tags.database, Tags.security)
def demo_accounts_in_production(app_configs=None, databases=None, **kwargs) -> list[Error]:
    """Run by `migrate` and `check --database default`: demo accounts have a published password."""
    if not settings.PRODUCTION or not databases:
        return []
    from .models import User

    try:
        emails = list(User.objects.filter(is_demo=True, is_active=True).values_list("email", flat=True)[:5])
    except DatabaseError:
        return []  # not migrated yet
    if not emails:
        return []
    return [
        Error(
            f"Demokontoer finnes i produksjonsdatabasen: {', '.join(emails)}.",
            hint="Deaktiver eller slett dem i administrasjonen. Innlogging med demokontoer er sperret i produksjon.",
            id="accounts.E001",
        )
    ]
