from datetime import timedelta

from forlop.core.jobs import register

from .services import forget_unlinked


@register("people.forget_unlinked", every=timedelta(days=1))
def forget() -> None:
    forget_unlinked()
