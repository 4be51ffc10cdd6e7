"""The only writers of messages and read receipts, and what the caseload asks of them.

Who may write in a course's threads: the person themself (their own client account), and anyone on the
course's team — therapist, doctor and coordinator, since a message may be about appointments as much as about
treatment. Staff reading under an emergency access may read (and their reads are receipts like any other) but
not write: they are not the person's team. The course must be open.

Every message queues emails in the same transaction (the outbox): to each team member for a message from the
person, to the person for a message from staff. The emails say only that there is a new message and link to
it: never the text, the subject, a name or a substance.
"""

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from forlop.accounts.models import User
from forlop.audit import policy
from forlop.audit.models import Action
from forlop.audit.policy import Act, Data
from forlop.audit.services import record_change
from forlop.care.flags import Flag, Severity
from forlop.care.models import Course, TeamMember
from forlop.contact.danger_words import mentions_acute_danger
from forlop.contact.reply_times import ReplyPromise, clock, configured_hours, reply_promise
from forlop.core.templatetags.forlop_dates import weekday_date
from forlop.outbox.services import queue_email
from forlop.people.models import Person

from .models import MAX_BODY, MAX_SUBJECT, Message, ReadReceipt, Thread


class MessageError(ValidationError):
    """A message the rules do not allow; the message is for the person who tried to send it."""


def _clean_body(body: str) -> str:
    body = body.replace("\r\n", "\n").strip()
    if not body:
        raise MessageError(_("Skriv en melding før du sender."))
    if len(body) > MAX_BODY:
        raise MessageError(
            _("Meldingen er for lang: høyst %(max)s tegn (nå %(n)s).") % {"max": MAX_BODY, "n": len(body)}
        )
    return body


def _clean_subject(subject: str) -> str:
    subject = " ".join(subject.split())
    if not subject:
        raise MessageError(_("Skriv et kort emne, for eksempel «Spørsmål om neste time»."))
    if len(subject) > MAX_SUBJECT:
        raise MessageError(_("Emnet kan være høyst %(max)s tegn.") % {"max": MAX_SUBJECT})
    return subject


def writes_as_person(by: User, course: Course) -> bool:
    """True for the person's own account, False for someone on the team; PermissionDenied for anyone else."""
    if policy.is_own(by, course.person):
        return True
    if policy.may(by, Act.SEE, Data.TREATMENT, team=course.team_user_ids()):
        return False
    raise PermissionDenied(_("Bare personen og teamet i forløpet kan skrive meldinger her."))


def _notify(message: Message) -> None:
    """Queue the "you have a new message" emails for `message`, in the caller's transaction."""
    thread, course = message.thread, message.thread.course
    if message.from_person:
        link = settings.SITE_URL + reverse(
            "care_messaging:staff_thread", kwargs={"course_pk": course.pk, "thread_pk": thread.pk}
        )
        members = TeamMember.objects.filter(course=course, user__is_active=True).select_related("user")
        recipients = sorted({m.user.email for m in members if m.user.email and m.user_id != message.by_id})
        template = "care_messaging_to_team"
    else:
        link = settings.SITE_URL + reverse("care_messaging:mine_thread", kwargs={"thread_pk": thread.pk})
        recipients = [course.person.email] if course.person.email else []
        template = "care_messaging_to_person"
    for address in recipients:  # one email each, so no one sees the others' addresses
        queue_email(to=address, template=template, context={"link": link})


def _send(*, thread: Thread, by: User, body: str, from_person: bool, now: datetime) -> Message:
    message = Message.objects.create(
        thread=thread, course=thread.course, body=body, at=now, by=by, from_person=from_person
    )
    Thread.objects.filter(pk=thread.pk).update(last_at=now)
    thread.last_at = now
    _notify(message)
    record_change(
        by=by,
        obj=message,
        subject=thread.course.person,
        action=Action.CREATE,
        why=_("Sendte melding") if not from_person else _("Sendte melding til teamet"),
    )
    return message


def _require_open(course: Course) -> None:
    if not course.is_open:
        raise MessageError(_("Forløpet er avsluttet, så meldinger kan ikke sendes her lenger."))


@transaction.atomic
def start_thread(
    *, course: Course, by: User, subject: str, body: str, now: datetime | None = None
) -> Message:
    """A new conversation in `course`, by the person or someone on the team."""
    from_person = writes_as_person(by, course)
    _require_open(course)
    now = now or timezone.now()
    subject, body = _clean_subject(subject), _clean_body(body)
    thread = Thread.objects.create(course=course, subject=subject, started_at=now, started_by=by, last_at=now)
    return _send(thread=thread, by=by, body=body, from_person=from_person, now=now)


@transaction.atomic
def reply(*, thread: Thread, by: User, body: str, now: datetime | None = None) -> Message:
    course = thread.course
    from_person = writes_as_person(by, course)
    _require_open(course)
    return _send(
        thread=thread, by=by, body=_clean_body(body), from_person=from_person, now=now or timezone.now()
    )


def mark_read(
    *, messages: Iterable[Message], reader: User, as_team: bool, now: datetime | None = None
) -> None:
    """Write a receipt for each message shown to `reader` that someone else wrote (the first read counts)."""
    now = now or timezone.now()
    receipts = [
        ReadReceipt(message=m, reader=reader, at=now, as_team=as_team)
        for m in messages
        if m.by_id != reader.pk
    ]
    if receipts:
        ReadReceipt.objects.bulk_create(receipts, ignore_conflicts=True)


# --- reading -----------------------------------------------------------------------------------------------


def threads_of_person(person: Person) -> list[Thread]:
    return list(
        Thread.objects.filter(course__person=person).select_related("course").order_by("-last_at", "-pk")
    )


def unread_by(user: User, message_filter: Q) -> Counter[int]:
    """Thread id → how many messages matching `message_filter` `user` has not read (one query)."""
    rows = (
        Message.objects.filter(message_filter)
        .exclude(by=user)
        .exclude(receipts__reader=user)
        .values("thread_id")
        .annotate(n=Count("pk"))
    )
    return Counter({row["thread_id"]: row["n"] for row in rows})


def unread_for_person(person: Person) -> int:
    """How many messages from the team the person has not opened yet (one query)."""
    if person.user_id is None:
        return 0
    return (
        Message.objects.filter(course__person=person, from_person=False)
        .exclude(receipts__reader_id=person.user_id)
        .count()
    )


def expected_reply(message: Message) -> ReplyPromise:
    return reply_promise(message.at, configured_hours())


def reply_words(promise: ReplyPromise, *, now: datetime) -> str:
    """When the answer comes, said for a reader at `now`: the promise's own words ("i dag, innen kl. 16") on
    the day the message was sent, else the day and time ("innen mandag 14. desember kl. 16")."""
    if timezone.localtime(now, promise.hours.tz).date() == promise.received.date():
        return promise.when
    return _("innen %(day)s kl. %(time)s") % {
        "day": weekday_date(promise.day),
        "time": clock(promise.hours.closes),
    }


# --- flags -------------------------------------------------------------------------------------------------


def _waited(seconds: float) -> str:
    hours = int(seconds // 3600)
    if hours < 1:
        return _("under en time")
    if hours < 48:
        return _("%(n)s timer") % {"n": hours}
    return _("%(n)s døgn") % {"n": hours // 24}


DANGER_WINDOW = timedelta(hours=24)


def shows_danger(messages: Sequence[Message], *, now: datetime) -> bool:
    """Whether the person's latest word in a thread speaks of acute danger ("ta livet mitt i kveld"; the same
    phrases as the contact form, forlop.contact.danger_words), written within DANGER_WINDOW and not yet answered
    by the team: then the thread shows 113 and 116 117 at once, where the person is looking."""
    last = messages[-1] if messages else None
    return bool(
        last is not None
        and last.from_person
        and now - last.at <= DANGER_WINDOW
        and mentions_acute_danger(last.body)
    )


def flags_for(course_ids: Iterable[int], *, now: datetime) -> dict[int, list[Flag]]:
    """ "Ulest melding fra personen" for each course with a message from the person no one on the team has read,
    with how long the oldest has waited; WARNING once it is past the reply time the person was promised, else
    INFO. One query, however many courses."""
    ids = list(course_ids)
    found: dict[int, list[Flag]] = {}
    if not ids:
        return found
    rows = (
        Message.objects.filter(course_id__in=ids, from_person=True)
        .exclude(receipts__as_team=True)
        .values("course_id")
        .annotate(oldest=Min("at"), n=Count("pk"))
        .order_by("course_id")
    )
    hours = configured_hours()
    # Unread messages that speak of acute danger are urgent, whatever the reply time (one more query).
    for message in (
        Message.objects.filter(course_id__in=ids, from_person=True)
        .exclude(receipts__as_team=True)
        .only("course_id", "body", "at")
    ):
        if mentions_acute_danger(message.body):
            found.setdefault(message.course_id, []).append(
                Flag(
                    course_id=message.course_id,
                    kind="message_danger",
                    label=_("Melding om akutt fare"),
                    why=_(
                        "En ulest melding fra personen kan tyde på akutt fare (skrevet %(when)s). Ta kontakt nå; "
                        "personen har fått 113 og 116 117 på skjermen."
                    )
                    % {"when": timezone.localtime(message.at).strftime("%d.%m. %H:%M")},
                    severity=Severity.URGENT,
                    url=reverse("care_messaging:staff", kwargs={"course_pk": message.course_id}),
                    for_doctor=True,
                )
            )
    for row in rows:
        oldest: datetime = row["oldest"]
        promise = reply_promise(oldest, hours)
        late = now > promise.by
        why = ngettext(
            "%(n)s ulest melding fra personen; den har ventet %(waited)s (svar lovet innen %(day)s kl. %(time)s).",
            "%(n)s uleste meldinger fra personen; den eldste har ventet %(waited)s (svar lovet innen %(day)s "
            "kl. %(time)s).",
            row["n"],
        ) % {
            "n": row["n"],
            "waited": _waited((now - oldest).total_seconds()),
            "day": weekday_date(promise.day),
            "time": clock(hours.closes),
        }
        found.setdefault(row["course_id"], []).append(
            Flag(
                course_id=row["course_id"],
                kind="message_unread",
                label=_("Ulest melding fra personen"),
                why=why,
                severity=Severity.WARNING if late else Severity.INFO,
                url=reverse("care_messaging:staff", kwargs={"course_pk": row["course_id"]}),
            )
        )
    return found
