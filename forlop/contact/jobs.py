from datetime import timedelta

from forlop.core.jobs import register

from .services import delete_expired_enquiries


@register("contact.delete_expired_enquiries", every=timedelta(days=1))
def delete_expired() -> None:
    delete_expired_enquiries()
