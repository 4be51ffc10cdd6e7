"""Client accounts (Min side): by invitation only, and never without a second factor.

A person gets an account when staff invite them after a first talk (`invite_client`), or when they ask for
one from their booking confirmation (the booking app proves the address with its manage token and calls the
same service). The invitation is a signed, one-time link: it names the account and a fingerprint of its
password, so it stops working once a password is chosen, and after INVITATION_MAX_AGE.

Logging in reuses the staff machinery in `forlop.accounts.services` (lockout per account and per address,
the login log, session rows and limits, new-device emails, TOTP, passkeys and backup codes) with
`client=True`. The one-time email link (`request_login_link` / `user_for_login_link`) replaces the password,
never the second factor; it is one-time because it carries a fingerprint of the last login.

A User is a client or staff, never both: refused here, and by the database (accounts_user_client_or_staff).
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils.crypto import constant_time_compare

from forlop.core.services import consume
from forlop.lib.emails import normalise_email
from forlop.people.models import Person

from .models import User
from .services import _queue_email, may_log_in

INVITATION_SALT = "forlop.accounts.client-invitation"
INVITATION_MAX_AGE = timedelta(days=7)
INVITATION_SCOPE = "client-invitation"
INVITATION_LIMIT = 3  # self-requested invitations per person and INVITATION_WINDOW
INVITATION_WINDOW = timedelta(hours=1)
LINK_SALT = "forlop.accounts.client-login-link"
LINK_MAX_AGE = timedelta(minutes=20)
LINK_SCOPE = "client-login-link"
LINK_LIMIT = 3
LINK_WINDOW = timedelta(hours=1)


class ClientAccountError(Exception):
    """An invitation that cannot be made; the message is shown to staff."""


def _fingerprint(*parts: object) -> str:
    return hashlib.sha256("|".join(str(part) for part in parts).encode()).hexdigest()[:20]


def invitation_token(user: User) -> str:
    return signing.dumps({"u": user.pk, "f": _fingerprint(user.password)}, salt=INVITATION_SALT)


def user_for_invitation(token: str) -> User | None:
    """The account an unused, unexpired invitation is for; None otherwise."""
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_MAX_AGE)
    except signing.BadSignature:
        return None
    user = User.objects.filter(pk=data.get("u"), is_active=True, is_client=True, is_staff=False).first()
    if user is None or user.has_usable_password():
        return None  # a password chosen already: the invitation is used up
    if not constant_time_compare(_fingerprint(user.password), str(data.get("f"))):
        return None
    return user


@transaction.atomic(savepoint=False)  # the caller's transaction
def invite_client(
    *,
    person: Person,
    by: User | None,
    template: str = "client_invitation",
    url_name: str = "accounts:client_invitation",
) -> User:
    """Create (or find) the person's client account and queue an email with a link to set it up.

    `by` is the staff member who invites, or None when the person asked themselves (booking confirmation).
    Refused for a person without an address, for an address that belongs to a staff account, and for an
    account already set up (it logs in instead). A relative's account (forlop.relatives) is the same kind of
    account with its own email (`template`) and its own page behind the link (`url_name`, taking `token`)."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    email = normalise_email(person.email)
    if not email:
        raise ClientAccountError("Personen har ingen e-postadresse, så vi kan ikke sende en invitasjon.")
    user = person.user
    if user is None:
        user = User.objects.filter(email=email).first()
        if user is not None and (user.is_staff or not user.is_client):
            raise ClientAccountError(
                "Adressen hører til en ansattkonto. En ansattkonto kan ikke også være en klientkonto."
            )
        if user is not None and Person.objects.filter(user=user).exclude(pk=person.pk).exists():
            raise ClientAccountError("Adressen hører allerede til en annen persons konto.")
        if user is None:
            user = User(email=email, full_name=person.name, is_client=True)
            user.set_unusable_password()
            user.save()
        person.user = user
        person.save(update_fields=["user"])
    if user.is_staff or not user.is_client:
        raise ClientAccountError("En ansattkonto kan ikke også være en klientkonto.")
    if user.has_usable_password():
        raise ClientAccountError("Personen har allerede satt opp Min side.")
    if by is None and not consume(
        scope=INVITATION_SCOPE, key=str(person.pk), limit=INVITATION_LIMIT, window=INVITATION_WINDOW
    ):
        # Asked for from the booking's page: a few emails an hour, so the page cannot flood the mailbox.
        raise ClientAccountError(
            "Vi har nettopp sendt deg en lenke. Sjekk e-posten din (også søppelpost) før du ber om en ny."
        )
    link = settings.SITE_URL + reverse(url_name, kwargs={"token": invitation_token(user)})
    _queue_email(
        to=user.email,
        template=template,
        context={
            "name": person.name.split(" ")[0] if person.name else "",
            "link": link,
            "days": INVITATION_MAX_AGE.days,
            "by_staff": by is not None,
        },
    )
    return user


@transaction.atomic
def accept_invitation(*, user: User, password: str) -> None:
    """The password chosen from the invitation; the link stops working. The second factor comes next."""
    user.set_password(password)
    user.save(update_fields=["password"])


# --- One-time login link ---------------------------------------------------------------------------------


def _link_token(user: User) -> str:
    last = user.last_login.timestamp() if user.last_login else ""
    return signing.dumps({"u": user.pk, "f": _fingerprint(user.password, last)}, salt=LINK_SALT)


@transaction.atomic
def request_login_link(*, email: str, ip_hash: str) -> None:
    """Email a one-time login link if the address belongs to a set-up client account; says nothing either
    way, and sends at most LINK_LIMIT per address and hour."""
    email = normalise_email(email)
    if not consume(scope=LINK_SCOPE, key=f"{email}|{ip_hash}", limit=LINK_LIMIT, window=LINK_WINDOW):
        return
    user = User.objects.filter(email=email).first()
    if user is None or not user.has_usable_password() or not may_log_in(user, client=True):
        return
    link = settings.SITE_URL + reverse("accounts:client_link", kwargs={"token": _link_token(user)})
    _queue_email(
        to=user.email,
        template="client_login_link",
        context={
            "name": user.get_short_name(),
            "link": link,
            "minutes": int(LINK_MAX_AGE.total_seconds() // 60),
        },
    )


def user_for_login_link(token: str) -> User | None:
    """The client a fresh, unused login link is for. Used once: logging in changes `last_login`."""
    try:
        data = signing.loads(token, salt=LINK_SALT, max_age=LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    user = User.objects.filter(pk=data.get("u")).first()
    if user is None or not may_log_in(user, client=True):
        return None
    last = user.last_login.timestamp() if user.last_login else ""
    if not constant_time_compare(_fingerprint(user.password, last), str(data.get("f"))):
        return None
    return user
