from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from forlop.accounts.models import User
from forlop.audit.services import Ref, record_change
from forlop.core.services import RateLimited, consume
from forlop.outbox.services import queue_email
from forlop.people.services import person_for

from .danger_words import mentions_acute_danger
from .models import ContactEnquiry
from .reply_times import configured_hours, reply_promise

RATE_LIMIT_SCOPE = "contact"
RATE_LIMIT_WINDOW = timedelta(hours=1)
# RFC 3834: tells vacation responders not to answer these, so no mail loops.
AUTOMATIC = {"Auto-Submitted": "auto-generated"}


def _count_sender(*, ip_hash: str) -> bool:
    """One of the address's CONTACT_RATE_LIMIT_PER_HOUR posts, counted and checked in one write."""
    return consume(
        scope=RATE_LIMIT_SCOPE,
        key=ip_hash,
        limit=settings.CONTACT_RATE_LIMIT_PER_HOUR,
        window=RATE_LIMIT_WINDOW,
    )


@transaction.atomic
def submit_enquiry(
    *,
    name: str,
    email: str,
    phone: str,
    message: str,
    preferred_contact: str,
    said_urgent: bool,
    ip_hash: str,
) -> ContactEnquiry:
    """Store an enquiry and queue the practice's notice (and the sender's receipt) in one transaction.

    The enquiry is urgent when the person said so ("Haster det?" → "Ja") or when the message has words for
    acute danger (danger_words.py). Neither email carries what the person wrote: the practice gets a link to
    the staff area (with "Haster" in the subject when it is urgent), the sender a confirmation that says
    when we will answer and whom to call until then. Consent is recorded as given now; the form refuses to
    submit without it.
    """
    if not _count_sender(ip_hash=ip_hash):
        raise RateLimited  # nothing stored; the view shows the form again with everything typed
    now = timezone.now()
    enquiry = ContactEnquiry.objects.create(
        person=person_for(email=email, name=name, now=now),
        name=name,
        email=email,
        phone=phone,
        message=message,
        preferred_contact=preferred_contact,
        said_urgent=said_urgent,
        urgent=said_urgent or mentions_acute_danger(message),
        consent_at=now,
        created_at=now,
        ip_hash=ip_hash,
    )
    with translation.override(settings.LANGUAGE_CODE):  # staff read Norwegian, whatever the sender used
        queue_email(
            to=settings.PRACTICE_EMAIL,
            template="contact_new_enquiry",
            context={"staff_url": _absolute("contact_staff:detail", pk=enquiry.pk), "urgent": enquiry.urgent},
            headers=AUTOMATIC,
        )
    if email:
        queue_email(
            to=email,
            template="contact_receipt",
            context={
                "crisis_url": _absolute("site:crisis"),
                # The same words for an urgent enquiry: an inbox may be read by others, so it says nothing
                # about what was written, only when we answer and whom to call until then.
                "reply": reply_promise(now, configured_hours()),
            },
            headers=AUTOMATIC,
        )
    return enquiry


@transaction.atomic
def record_spam(*, ip_hash: str) -> None:
    """A honeypot hit: store nothing, but count it towards the sender's limit."""
    _count_sender(ip_hash=ip_hash)


# Why staff read and handle enquiries, as the access log says it.
PURPOSE = "Henvendelser fra kontaktskjema"


def enquiry_subject(enquiry: ContactEnquiry) -> Ref:
    """The enquirer, as the access log remembers them after the enquiry itself is deleted."""
    reach = enquiry.email or enquiry.phone
    return Ref(enquiry._meta.label_lower, str(enquiry.pk), f"{enquiry.name} <{reach}>")


@transaction.atomic
def mark_handled(*, enquiry: ContactEnquiry, by: User) -> bool:
    """Mark an enquiry handled. False if someone else got there first (the caller can say so kindly)."""
    now = timezone.now()
    updated = ContactEnquiry.objects.filter(pk=enquiry.pk, status=ContactEnquiry.Status.NEW).update(
        status=ContactEnquiry.Status.HANDLED, handled_by=by, handled_at=now
    )
    if updated:
        enquiry.status, enquiry.handled_by, enquiry.handled_at = ContactEnquiry.Status.HANDLED, by, now
        record_change(by=by, obj=enquiry, subject=enquiry_subject(enquiry), why=PURPOSE)
    return bool(updated)


@transaction.atomic
def delete_expired_enquiries() -> int:
    """Delete every enquiry received more than CONTACT_RETENTION_DAYS ago, handled or not.

    The privacy page promises that enquiries which do not lead to an appointment are deleted at the latest
    six months after they arrived; one that does lead somewhere lives on in the journal, not here.
    """
    cutoff = timezone.now() - timedelta(days=settings.CONTACT_RETENTION_DAYS)
    deleted, _ = ContactEnquiry.objects.received_before(cutoff).delete()
    return deleted


def _absolute(url_name: str, **kwargs: object) -> str:
    return settings.SITE_URL + reverse(url_name, kwargs=kwargs or None)
