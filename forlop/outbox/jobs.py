from datetime import timedelta

from forlop.core.jobs import register

from .services import purge_old


@register("outbox.purge_old", every=timedelta(days=1))
def purge_old_mail() -> None:
    purge_old()
