"""Links that work without an account: checkout (while booking) and manage (in every email).

A token is an HMAC (keyed with SECRET_KEY) of the booking's uid and a random per-booking salt. Only its
SHA-256 hash is stored and looked up, so a copy of the database does not give working links; yet emails
sent later (reminder, moved) can carry the manage link again, because it can be recomputed. A new salt
revokes every link of a booking. Rotating SECRET_KEY revokes all links.
"""

import base64
import secrets

from django.utils.crypto import salted_hmac

from .models import Booking


def new_salt() -> str:
    return secrets.token_hex(16)


def _token(booking: Booking, purpose: str) -> str:
    digest = salted_hmac(
        f"forlop.booking.{purpose}", f"{booking.uid}:{booking.manage_salt}", algorithm="sha256"
    )
    return base64.urlsafe_b64encode(digest.digest()).decode().rstrip("=")


def checkout_token(booking: Booking) -> str:
    return _token(booking, "checkout")


def manage_token(booking: Booking) -> str:
    return _token(booking, "manage")


def new_video_room() -> str:
    return secrets.token_urlsafe(18)


def feed_token(therapist_id: int, salt: str) -> str:
    digest = salted_hmac("forlop.booking.feed", f"{therapist_id}:{salt}", algorithm="sha256")
    return base64.urlsafe_b64encode(digest.digest()).decode().rstrip("=")
