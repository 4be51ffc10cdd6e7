"""The list headers (RFC 2369, RFC 8058) go to the mail server exactly as written.

Python's email package folds any header line longer than 78 characters, and one with no whitespace to fold at
(a long unsubscribe URL) it writes as an RFC 2047 encoded word: `List-Unsubscribe: =?utf-8?q?=3Chttps=3A//…`.
Gmail and Outlook find no URL in that and offer no unsubscribe. These headers hold URLs in angle brackets,
which are ASCII, so the outbox writes them verbatim and folds them only at the whitespace between entries.
"""

import email.policy
from email.message import EmailMessage
from email.policy import EmailPolicy, Policy

from django.core.mail import EmailMultiAlternatives

# Lower-case names of the headers written verbatim.
VERBATIM = frozenset(
    {
        "list-archive",
        "list-help",
        "list-owner",
        "list-post",
        "list-subscribe",
        "list-unsubscribe",
        "list-unsubscribe-post",
    }
)
FOLD_AT = 78  # RFC 5322: lines SHOULD be no longer than 78 characters...
LINE_LIMIT = 998  # ...and MUST be no longer than 998.


def check(name: str, value: str) -> None:
    """ValueError for a list header the outbox could not write verbatim."""
    if name.lower() not in VERBATIM:
        return
    if not value.isascii():
        raise ValueError(f"{name} must be ASCII (percent-encode the URL)")
    if any(len(line) > LINE_LIMIT for line in f"{name}: {fold(name, value)}".splitlines()):
        raise ValueError(f"{name} has a URL too long for one line of an email header")


def fold(name: str, value: str) -> str:
    """`Name: value` folded at whitespace only, each line kept to 78 characters where the words allow."""
    head = f"{name}:"
    lines = [head]
    for word in value.split():
        if lines[-1] != head and len(lines[-1]) + 1 + len(word) > FOLD_AT:
            lines.append("")
        lines[-1] += " " + word
    return "\n".join(lines)[len(head) + 1 :]


class OutboxEmail(EmailMultiAlternatives):
    """Django's message, with the list headers written as they are (see the module's docstring)."""

    def message(self, *, policy: Policy | None = None) -> EmailMessage:
        base = email.policy.default if policy is None else policy
        if not isinstance(base, EmailPolicy):
            raise TypeError("the outbox writes messages with the email package's modern policies only")
        # refold_source="none" leaves headers set with set_raw() as they are; all others are header objects
        # and fold (and encode) as before.
        msg = super().message(policy=base.clone(refold_source="none"))
        for name, value in self.extra_headers.items():
            if name.lower() in VERBATIM:
                del msg[name]
                msg.set_raw(name, fold(name, str(value)))
        return msg
