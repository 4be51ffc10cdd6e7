"""Writes to match requests. Each is one transaction that records a MatchRequestEvent and queues its email.

A status change is a conditional UPDATE on the status the caller saw (`filter(pk=…, status=seen)`): when two
coordinators act on the same request at once, one wins and the other gets `RequestChanged`, which the view
turns into a friendly message instead of a double email.

The doctor gate: a request flagged for medical assessment is sent no suggestion until a doctor has recorded a
decision. The change to "suggested" is the same conditional UPDATE with the gate in its WHERE clause
(`models.SENDABLE`), so a send racing a decision either sees the committed decision or is refused with
`AwaitingDoctor`; a database constraint refuses the state even for writes that bypass this module.
"""

import datetime
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from forlop.accounts.models import User
from forlop.audit import policy
from forlop.audit.policy import Act, Data
from forlop.audit.services import Ref, record_change
from forlop.contact.reply_times import configured_hours, reply_promise
from forlop.core.services import RateLimited, consume
from forlop.course import conversions
from forlop.course.services import record_conversion
from forlop.matching.candidates import candidates
from forlop.outbox.services import queue_email
from forlop.people.services import person_for
from forlop.therapists.models import Therapist

from . import answers as vocab
from .engine import rank
from .models import SENDABLE, CloseReason, DoctorDecision, MatchRequest, MatchRequestEvent

# Why staff read and change match requests, as the access log says it.
PURPOSE = "Matching av klient og terapeut"


def request_subject(match_request: MatchRequest) -> Ref:
    """The person, as the access log remembers them after the request itself is deleted."""
    return Ref(
        match_request._meta.label_lower,
        str(match_request.pk),
        f"{match_request.name} <{match_request.email}>",
        person_id=match_request.person_id,
    )


def _record(match_request: MatchRequest, by: User) -> None:
    """The access-log row for a coordinator's or doctor's change, in the service's transaction."""
    record_change(by=by, obj=match_request, subject=request_subject(match_request), why=PURPOSE)


SUGGESTIONS_SHOWN = 3
RATE_LIMIT_SCOPE = "matching"
RATE_LIMIT_WINDOW = datetime.timedelta(hours=1)
Status = MatchRequest.Status
Kind = MatchRequestEvent.Kind


class RequestChanged(Exception):
    """Someone else changed or closed the request first."""


class AwaitingDoctor(Exception):
    """The request is flagged for medical assessment and no doctor has recorded a decision yet."""


def may_auto_send(match_request: MatchRequest) -> bool:
    """Whether MATCH_AUTO_SEND may send the top suggestion without anyone reading the request: only when
    nothing in it is flagged for a person to look at first (urgent, or a doctor's assessment). Every such flag
    belongs here, in this one predicate (`MatchRequest.flagged`: urgent, doctor or coordinator review)."""
    return not match_request.flagged


def week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


@dataclass(frozen=True)
class Ranking:
    """The engine's answer for one request, as the staff page shows it.

    suggestions: the top three as JSON (what `MatchRequest.suggestions` stores): therapist_id, name, slug
        (for links), score and reasons.
    considered: how many published therapists were ranked; passed: how many passed every hard constraint.
    exclusions: each reason a therapist was excluded for, with how many therapists it excluded, most first
        (ties in the order the engine lists reasons). A therapist excluded for two reasons counts under both.
    """

    suggestions: list[dict[str, Any]]
    considered: int
    passed: int
    exclusions: list[tuple[str, int]]

    @property
    def no_good_match(self) -> bool:
        return not self.suggestions


def rank_answers(*, answers: Mapping[str, Any], today: datetime.date) -> Ranking:
    """Rank every published therapist for these answers: the top three, and why the others were left out."""
    therapists = candidates(week_start=week_start(today))
    result = rank(vocab.engine_request(answers), therapists, limit=SUGGESTIONS_SHOWN)
    ids = [suggestion.therapist_id for suggestion in result.ranked]
    rows = Therapist.objects.filter(pk__in=ids).values_list("pk", "name", "slug") if ids else []
    profiles = {pk: (name, slug) for pk, name, slug in rows}
    counts = Counter(reason for exclusion in result.excluded for reason in exclusion.reasons)
    order = {reason: position for position, reason in enumerate(counts)}
    return Ranking(
        suggestions=[
            {
                "therapist_id": suggestion.therapist_id,
                "name": profiles.get(suggestion.therapist_id, ("", ""))[0],
                "slug": profiles.get(suggestion.therapist_id, ("", ""))[1],
                "score": suggestion.score,
                "reasons": list(suggestion.reasons),
            }
            for suggestion in result.ranked
        ],
        considered=len(therapists),
        passed=result.matched_count,
        exclusions=sorted(counts.items(), key=lambda item: (-item[1], order[item[0]])),
    )


def compute_suggestions(*, answers: Mapping[str, Any], today: datetime.date) -> list[dict[str, Any]]:
    """The engine's top three for these answers, as JSON: id, name, slug (for links), score and reasons.
    Empty when no therapist is a good match: nobody without any fit, and for a medically flagged request
    nobody but authorised health personnel who work with the substance (see engine.py)."""
    return rank_answers(answers=answers, today=today).suggestions


def answers_of(match_request: MatchRequest) -> dict[str, Any]:
    return {name: getattr(match_request, name) for name in vocab.ANSWER_DEFAULTS}


@transaction.atomic
def refresh_suggestions(*, match_request: MatchRequest, now: datetime.datetime | None = None) -> Ranking:
    """Rank again with today's profiles and capacity (cheap: a few queries), and keep the new snapshot of
    suggestions. Returns the whole ranking, so the staff page can say why there is no good match."""
    now = now or timezone.now()
    ranking = rank_answers(answers=answers_of(match_request), today=timezone.localdate(now))
    MatchRequest.objects.filter(pk=match_request.pk).update(
        suggestions=ranking.suggestions, suggestions_at=now
    )
    match_request.suggestions, match_request.suggestions_at = ranking.suggestions, now
    return ranking


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def booking_url(therapist: Therapist) -> str:
    """Where to book this therapist: the booking page once the booking app provides one, else the profile."""
    try:
        return _absolute(reverse("booking:start", kwargs={"slug": therapist.slug}))
    except NoReverseMatch:
        return _absolute(therapist.get_absolute_url())


@transaction.atomic
def submit_request(
    *,
    answers: Mapping[str, Any],
    selftest: Mapping[str, Any] | None = None,
    ip_hash: str = "",
    now: datetime.datetime | None = None,
) -> MatchRequest:
    """Store a completed match form, rank the therapists, and queue the person's confirmation and the
    practice's notice. With MATCH_AUTO_SEND, a request with nothing flagged gets the top suggestion at once.

    Neither email carries what the person wrote: the confirmation says what happens next, the practice gets
    a link to the queue.
    """
    # One of the address's match requests this hour, counted and checked in one write (forlop.core.services);
    # over the limit nothing is stored. Without an address (tests, imports) there is no limit.
    if ip_hash and not consume(
        scope=RATE_LIMIT_SCOPE,
        key=ip_hash,
        limit=settings.MATCH_RATE_LIMIT_PER_HOUR,
        window=RATE_LIMIT_WINDOW,
    ):
        raise RateLimited
    now = now or timezone.now()
    values = {name: answers.get(name, default) for name, default in vocab.ANSWER_DEFAULTS.items()}
    verdict = vocab.assess(values)
    values["acute_signs"] = list(verdict.acute)
    match_request = MatchRequest.objects.create(
        **values,
        person=person_for(email=values["email"], name=values["name"], now=now),
        created_at=now,
        consent_at=now,
        urgent=verdict.urgent,
        medical_assessment=verdict.doctor_review,
        residential_likely=verdict.residential_likely,
        coordinator_review=verdict.coordinator_review,
        medical_reasons=list(verdict.flagging_rules),
        recognised=verdict.recognised_names,
        selftest=dict(selftest) if selftest else None,
        suggestions=compute_suggestions(answers=values, today=timezone.localdate(now)),
        suggestions_at=now,
    )
    MatchRequestEvent.objects.create(request=match_request, at=now, kind=Kind.SUBMITTED, to_status=Status.NEW)
    # The email course counts how many participants went on to ask for help (a keyed hash, no join).
    record_conversion(email=match_request.email, kind=conversions.MATCH_REQUEST, at=now)
    queue_email(
        to=match_request.email,
        template="matching_received",
        context={
            "name": match_request.name,
            "reply": reply_promise(now, configured_hours()),
            "crisis_url": _absolute(reverse("site:crisis")),
        },
    )
    queue_email(
        to=settings.PRACTICE_EMAIL,
        template="matching_new_request",
        context={
            "urgent": match_request.urgent,
            "staff_url": _absolute(reverse("matching:request_detail", kwargs={"pk": match_request.pk})),
        },
    )
    if settings.MATCH_AUTO_SEND and may_auto_send(match_request):
        top = match_request.suggestions[0]["therapist_id"] if match_request.suggestions else None
        therapist = Therapist.objects.published().filter(pk=top).first() if top else None
        if therapist is not None:
            try:
                with transaction.atomic():  # a refused send must not lose the request itself
                    _send_suggestion(
                        match_request=match_request, therapist=therapist, by=None, note="", now=now, auto=True
                    )
            except AwaitingDoctor:
                pass  # the gate held although may_auto_send said yes: the request waits in the queue
    return match_request


def _change_status(*, match_request: MatchRequest, to: str, now: datetime.datetime, **fields: Any) -> str:
    """Move an open request to `to`; returns the status it had. RequestChanged if it moved meanwhile;
    AwaitingDoctor if `to` is "suggested" and the doctor gate holds (checked in the UPDATE itself, on the
    row as it is now, not on the caller's copy)."""
    seen = match_request.status
    if seen not in MatchRequest.OPEN_STATUSES:
        raise RequestChanged
    rows = MatchRequest.objects.filter(pk=match_request.pk, status=seen)
    if to == Status.SUGGESTED:
        rows = rows.filter(SENDABLE)
    updated = rows.update(status=to, updated_at=now, **fields)
    if updated != 1:
        if (
            to == Status.SUGGESTED
            and MatchRequest.objects.awaiting_doctor().filter(pk=match_request.pk, status=seen).exists()
        ):
            raise AwaitingDoctor
        raise RequestChanged
    match_request.status = to
    for name, value in fields.items():
        setattr(match_request, name, value)
    return seen


def _send_suggestion(
    *,
    match_request: MatchRequest,
    therapist: Therapist,
    by: User | None,
    note: str,
    now: datetime.datetime,
    auto: bool = False,
) -> None:
    seen = _change_status(
        match_request=match_request, to=Status.SUGGESTED, now=now, assigned_therapist=therapist
    )
    MatchRequestEvent.objects.create(
        request=match_request,
        at=now,
        kind=Kind.AUTO_SUGGESTION_SENT if auto else Kind.SUGGESTION_SENT,
        actor=by,
        from_status=seen,
        to_status=Status.SUGGESTED,
        therapist=therapist,
        note=note,
    )
    queue_email(
        to=match_request.email,
        template="matching_suggestion",
        reply_to=settings.PRACTICE_EMAIL,
        context={
            "name": match_request.name,
            "therapist_name": therapist.name,
            "therapist_title": therapist.display_title,
            "profile_url": _absolute(therapist.get_absolute_url()),
            "booking_url": booking_url(therapist),
        },
    )


@transaction.atomic
def send_suggestion(
    *,
    match_request: MatchRequest,
    therapist: Therapist,
    by: User,
    note: str = "",
    now: datetime.datetime | None = None,
) -> None:
    """Suggest `therapist` to the person by email and assign the request to them."""
    _send_suggestion(
        match_request=match_request, therapist=therapist, by=by, note=note.strip(), now=now or timezone.now()
    )
    _record(match_request, by)


@transaction.atomic
def record_doctor_decision(
    *,
    match_request: MatchRequest,
    decision: str,
    reason: str,
    by: User,
    now: datetime.datetime | None = None,
) -> None:
    """Record a doctor's decision on a request flagged for medical assessment, which opens the gate for
    suggestions. Only a user with the doctor role may (PermissionDenied otherwise); a decision is made once,
    so when two doctors decide at the same time, the second gets RequestChanged. An emergency decision also
    marks the request urgent, so it goes to the top of the coordinators' queue.

    Nothing is emailed: the coordinator acts on the decision and talks to the person.
    """
    if not policy.may(by, Act.CHANGE, Data.MEDICAL_ASSESSMENT, flagged=True):
        raise PermissionDenied("only a doctor may record a doctor's decision")
    decision = DoctorDecision(decision)
    reason = reason.strip()
    if not reason:
        raise ValueError("a doctor's decision needs a reason")
    now = now or timezone.now()
    fields: dict[str, Any] = {
        "doctor_decision": decision,
        "doctor_reason": reason,
        "doctor_decided_at": now,
        "doctor_decided_by": by,
    }
    if decision == DoctorDecision.EMERGENCY:
        fields["urgent"] = True
    updated = (
        MatchRequest.objects.awaiting_doctor().filter(pk=match_request.pk).update(updated_at=now, **fields)
    )
    if updated != 1:
        raise RequestChanged
    # Read back under the row lock the UPDATE holds, so the event names the status the decision met.
    status = MatchRequest.objects.filter(pk=match_request.pk).values_list("status", flat=True).get()
    MatchRequestEvent.objects.create(
        request=match_request,
        at=now,
        kind=Kind.DOCTOR_DECISION,
        actor=by,
        from_status=status,
        to_status=status,
        doctor_decision=decision,
        note=reason,
    )
    _record(match_request, by)
    match_request.status = status
    for name, value in fields.items():
        setattr(match_request, name, value)


@transaction.atomic
def ask_question(
    *, match_request: MatchRequest, question: str, by: User, now: datetime.datetime | None = None
) -> None:
    """Email the person a question; they answer by replying to the practice."""
    now = now or timezone.now()
    seen = _change_status(match_request=match_request, to=Status.QUESTION_SENT, now=now)
    MatchRequestEvent.objects.create(
        request=match_request,
        at=now,
        kind=Kind.QUESTION_SENT,
        actor=by,
        from_status=seen,
        to_status=Status.QUESTION_SENT,
        note=question.strip(),
    )
    _record(match_request, by)
    queue_email(
        to=match_request.email,
        template="matching_question",
        reply_to=settings.PRACTICE_EMAIL,
        context={"name": match_request.name, "question": question.strip()},
    )


@transaction.atomic
def close_request(
    *,
    match_request: MatchRequest,
    reason: str,
    by: User,
    note: str = "",
    now: datetime.datetime | None = None,
) -> None:
    now = now or timezone.now()
    reason = CloseReason(reason)
    seen = _change_status(match_request=match_request, to=Status.CLOSED, now=now)
    MatchRequestEvent.objects.create(
        request=match_request,
        at=now,
        kind=Kind.CLOSED,
        actor=by,
        from_status=seen,
        to_status=Status.CLOSED,
        reason=reason,
        note=note.strip(),
    )
    _record(match_request, by)


@transaction.atomic
def mark_booked(
    *,
    match_request: MatchRequest,
    therapist: Therapist | None = None,
    by: User | None = None,
    now: datetime.datetime | None = None,
) -> None:
    """For the booking app: the person booked. A booked request is kept (the retention job skips it)."""
    now = now or timezone.now()
    fields = {"assigned_therapist": therapist} if therapist is not None else {}
    seen = _change_status(match_request=match_request, to=Status.BOOKED, now=now, **fields)
    MatchRequestEvent.objects.create(
        request=match_request,
        at=now,
        kind=Kind.BOOKED,
        actor=by,
        from_status=seen,
        to_status=Status.BOOKED,
        therapist=therapist or match_request.assigned_therapist,
    )


@transaction.atomic
def delete_expired_requests(*, now: datetime.datetime | None = None) -> int:
    """Delete requests older than MATCH_RETENTION_DAYS that never led to a booking (the privacy page promises
    six months). Their history goes with them; the access log keeps only who looked, not what they saw."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.MATCH_RETENTION_DAYS)
    expired = MatchRequest.objects.expired(cutoff)
    count = expired.count()
    expired.delete()
    return count
