"""Encryption at rest for the columns that hold clinical free text (journal notes and their amendments).

The keys come from the environment, `FORLOP_FIELD_KEYS` (setting `FIELD_ENCRYPTION_KEYS`): Fernet keys
(AES-128-CBC + HMAC-SHA256, from `cryptography`), comma-separated, **newest first**. The newest encrypts;
every key listed may decrypt (`MultiFernet`). Rotating is therefore: put a new key first, run
`manage.py rotate_field_keys` (which re-encrypts every registered column with the newest key), then remove
the old key. Make a key with
`python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"`.

Without the variable, development and tests derive one stable key from SECRET_KEY (an HMAC of it, so the key
is not SECRET_KEY itself) and say so once in the log; production refuses to start (system check
`core.E010`) and, should the checks be skipped, refuses to encrypt or decrypt. A derived key is as secret as
SECRET_KEY and changes with it: data written with it becomes unreadable when SECRET_KEY changes, which is
acceptable only for development data.

What this protects: a copy of the database (a backup, a dump, a stolen disk) does not hold the notes' text.
What it does not: someone who has both the database and the keys, or the running application.

Which columns hold ciphertext is declared by the apps that own them (`register_columns`), so the rotation
command in this platform app knows no app's models.
"""

import base64
import functools
import logging
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.crypto import salted_hmac

logger = logging.getLogger(__name__)

__all__ = ["DecryptionError", "InvalidToken", "decrypt", "encrypt", "is_current", "rotate"]


class DecryptionError(Exception):
    """A stored value no configured key can decrypt (a key was removed too early, or the value is not ours)."""


def _configured() -> tuple[str, ...]:
    return tuple(getattr(settings, "FIELD_ENCRYPTION_KEYS", ()) or ())


def derived_key(secret_key: str) -> bytes:
    """The development key: stable for one SECRET_KEY, never SECRET_KEY itself."""
    digest = salted_hmac(
        "forlop.core.crypto.field-key", "fernet", secret=secret_key, algorithm="sha256"
    ).digest()
    return base64.urlsafe_b64encode(digest)


@functools.lru_cache(maxsize=8)
def _fernets(keys: tuple[str, ...], secret_key: str, production: bool) -> tuple[Fernet, ...]:
    if not keys:
        if production:
            raise ImproperlyConfigured(
                "FORLOP_FIELD_KEYS må settes i produksjon (nøkler for kryptering av journal)."
            )
        logger.warning(
            "FORLOP_FIELD_KEYS is not set: journal text is encrypted with a key derived from SECRET_KEY "
            "(development only)."
        )
        return (Fernet(derived_key(secret_key)),)
    return tuple(Fernet(key.encode()) for key in keys)


def _keys() -> tuple[Fernet, ...]:
    return _fernets(_configured(), settings.SECRET_KEY, bool(getattr(settings, "PRODUCTION", False)))


def _multi() -> MultiFernet:
    return MultiFernet(list(_keys()))


def encrypt(text: str) -> str:
    """The ciphertext (ASCII) of `text` under the newest key. Two encryptions of one text differ."""
    return _multi().encrypt(text.encode()).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return _multi().decrypt(token.encode("ascii")).decode()
    except InvalidToken as error:
        raise DecryptionError("no configured key decrypts this value") from error


def is_current(token: str) -> bool:
    """Whether `token` is already encrypted with the newest key (rotation skips it)."""
    try:
        _keys()[0].decrypt(token.encode("ascii"))
    except InvalidToken:
        return False
    return True


def rotate(token: str) -> str:
    """The same plaintext under the newest key. Refuses a value no key decrypts."""
    try:
        return _multi().rotate(token.encode("ascii")).decode("ascii")
    except InvalidToken as error:
        raise DecryptionError("no configured key decrypts this value") from error


# --- Which columns hold ciphertext --------------------------------------------------------------------------


@dataclass(frozen=True)
class EncryptedColumns:
    """Columns of `model` that hold `encrypt()`ed text. `rewrite_gate()` is entered around the rotation's
    writes: a table whose rows are immutable lets only a gated rewrite change their ciphertext."""

    model: type[models.Model]
    fields: tuple[str, ...]
    rewrite_gate: Callable[[], AbstractContextManager] = field(default=nullcontext)


_COLUMNS: dict[str, EncryptedColumns] = {}


def register_columns(columns: EncryptedColumns) -> EncryptedColumns:
    """Call from the owning app's models module, at import time."""
    _COLUMNS[columns.model._meta.label] = columns
    return columns


def registered_columns() -> Iterator[EncryptedColumns]:
    yield from _COLUMNS.values()


# --- Startup check ------------------------------------------------------------------------------------------


@register(Tags.security)
def field_keys_configured(app_configs=None, **kwargs) -> list[Error]:
    """Production needs FORLOP_FIELD_KEYS; any keys given must be valid Fernet keys."""
    errors = []
    keys = _configured()
    if not keys and getattr(settings, "PRODUCTION", False):
        errors.append(
            Error(
                "FORLOP_FIELD_KEYS er ikke satt: journalnotater kan ikke krypteres.",
                hint="Sett FORLOP_FIELD_KEYS til én eller flere Fernet-nøkler, nyeste først (se README).",
                id="core.E010",
            )
        )
    for index, key in enumerate(keys, start=1):
        try:
            Fernet(key.encode())
        except ValueError:
            errors.append(
                Error(
                    f"Nøkkel nr. {index} i FORLOP_FIELD_KEYS er ikke en gyldig Fernet-nøkkel.",
                    hint="En Fernet-nøkkel er 32 tilfeldige byte, URL-sikker base64 (44 tegn).",
                    id="core.E011",
                )
            )
    return errors
