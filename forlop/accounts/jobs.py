from datetime import timedelta

from forlop.core.jobs import register

from .services import prune_security_records


@register("accounts.prune_security_records", every=timedelta(days=1))
def prune() -> None:
    prune_security_records()
