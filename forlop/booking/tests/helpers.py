from forlop.booking import services
from forlop.outbox.models import OutboxMessage

DETAILS = services.ClientDetails(
    name="Nora Nordmann", email="nora@example.no", phone="", note="Jeg drikker for mye.", consent=True
)


def book(*, therapist, ctype, start, now, details=DETAILS):
    hold = services.hold_slot(therapist=therapist, consultation_type=ctype, start=start, now=now)
    return services.confirm_booking(booking=hold.booking, details=details, now=now)


def mails(template: str | None = None):
    qs = OutboxMessage.objects.order_by("pk")
    return list(qs.filter(template=template) if template else qs)


def ics_of(message) -> str:
    import base64

    [attachment] = message.attachments
    return base64.b64decode(attachment["content_b64"]).decode()
