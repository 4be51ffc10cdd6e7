"""The only writers of module assignments, answers and comments, and the caseload's flags.

Every writer takes `by=` (who acts) and records the change in the access log inside its own transaction, with
the course's person as subject. The team side re-checks the one access policy (Data.TREATMENT, change: the
therapist or doctor on the course's team); the person side checks that `by` is the person's own account.

A module opens on a calendar day in the clinic's time zone (settings.TIME_ZONE): from midnight there.
"""

from collections.abc import Iterable, Mapping
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, F, Q
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
from forlop.care.models import Course
from forlop.contact.danger_words import mentions_acute_danger

from . import catalog
from .models import Answer, Assignment, Comment

MAX_ANSWER_CHARS = 5000
MAX_COMMENT_CHARS = 3000


class ModuleError(ValidationError):
    """A change the rules do not allow; the message is for the person who tried it."""


def clinic_day(now: datetime) -> date:
    from zoneinfo import ZoneInfo

    return timezone.localtime(now, ZoneInfo(settings.TIME_ZONE)).date()


def is_unlocked(assignment: Assignment, *, now: datetime) -> bool:
    return assignment.unlocks_on <= clinic_day(now)


def _check_team(course: Course, by: User) -> None:
    if not policy.may(by, Act.CHANGE, Data.TREATMENT, team=course.team_user_ids()):
        raise PermissionDenied("Bare behandler eller lege i forløpets team kan endre modulene.")


def _check_own(course: Course, by: User) -> None:
    if course.person.user_id is None or course.person.user_id != by.pk:
        raise PermissionDenied("Bare personen selv kan skrive svarene sine.")


# --- reading -----------------------------------------------------------------------------------------------


def assignments_for(course: Course) -> list[Assignment]:
    """The course's modules in the order they open, with answers and comments prefetched."""
    return list(
        Assignment.objects.filter(course=course, slug__in=catalog.slugs())
        .prefetch_related("answers__comments__by", "answers__seen_by")
        .order_by("unlocks_on", "pk")
    )


def assignment_for(course: Course, slug: str) -> Assignment | None:
    return Assignment.objects.filter(course=course, slug=slug).first()


# --- the team ----------------------------------------------------------------------------------------------


@transaction.atomic
def set_schedule(
    *, course: Course, by: User, schedule: Mapping[str, date | None], now: datetime | None = None
) -> list[str]:
    """Assign, move or remove modules: `schedule` maps a module's slug to the day it opens, or None to take
    it away. A module the person has written in cannot be taken away. Returns what changed, in words."""
    now = now or timezone.now()
    course = Course.objects.select_for_update().get(pk=course.pk)
    _check_team(course, by)
    if not course.is_open:
        raise ModuleError(_("Forløpet er avsluttet; modulene kan ikke endres."))
    existing = {a.slug: a for a in Assignment.objects.filter(course=course)}
    changed: list[str] = []
    for slug, day in schedule.items():
        module = catalog.get(slug)
        if module is None:
            raise ModuleError(_("Modulen finnes ikke."))
        current = existing.get(slug)
        if day is None:
            if current is None:
                continue
            if current.answers.exists():
                raise ModuleError(
                    _("«%(title)s» kan ikke tas bort: personen har skrevet svar i den.")
                    % {"title": module.title}
                )
            record_change(
                by=by,
                obj=current,
                subject=course.person,
                why=f"Modul tatt bort: {slug}",
                action=Action.DELETE,
            )
            current.delete()
            changed.append(_("«%(title)s» er tatt bort.") % {"title": module.title})
        elif current is None:
            assignment = Assignment.objects.create(
                course=course, slug=slug, unlocks_on=day, assigned_by=by, assigned_at=now
            )
            record_change(
                by=by,
                obj=assignment,
                subject=course.person,
                why=f"Modul tildelt: {slug}, åpnes {day.isoformat()}",
                action=Action.CREATE,
            )
            changed.append(_("«%(title)s» er tildelt.") % {"title": module.title})
        elif current.unlocks_on != day:
            current.unlocks_on = day
            current.save(update_fields=["unlocks_on"])
            record_change(
                by=by, obj=current, subject=course.person, why=f"Modul {slug} åpnes nå {day.isoformat()}"
            )
            changed.append(_("«%(title)s» har fått ny dato.") % {"title": module.title})
    return changed


@transaction.atomic
def comment(*, answer: Answer, by: User, text: str, now: datetime | None = None) -> Comment:
    """The team comments on a shared answer; the person sees the comment. Commenting marks it read."""
    now = now or timezone.now()
    answer = Answer.objects.select_for_update().select_related("assignment__course__person").get(pk=answer.pk)
    course = answer.assignment.course
    _check_team(course, by)
    text = text.strip()
    if not text:
        raise ModuleError(_("Skriv en kommentar før du lagrer."))
    if len(text) > MAX_COMMENT_CHARS:
        raise ModuleError(_("Kommentaren er for lang (høyst %(n)s tegn).") % {"n": MAX_COMMENT_CHARS})
    if answer.shared_at is None:
        raise ModuleError(_("Personen har ikke delt dette svaret ennå."))
    made = Comment.objects.create(answer=answer, by=by, at=now, text=text)
    answer.seen_at, answer.seen_by = now, by
    answer.save(update_fields=["seen_at", "seen_by"])
    record_change(
        by=by, obj=made, subject=course.person, why="Kommentar til svar i modul", action=Action.CREATE
    )
    return made


@transaction.atomic
def mark_seen(*, answer: Answer, by: User, now: datetime | None = None) -> None:
    """The team has read a shared answer (without commenting): its flag goes away."""
    now = now or timezone.now()
    answer = Answer.objects.select_for_update().select_related("assignment__course__person").get(pk=answer.pk)
    course = answer.assignment.course
    _check_team(course, by)
    if answer.shared_at is None:
        raise ModuleError(_("Personen har ikke delt dette svaret ennå."))
    answer.seen_at, answer.seen_by = now, by
    answer.save(update_fields=["seen_at", "seen_by"])
    record_change(by=by, obj=answer, subject=course.person, why="Svar i modul merket som lest")


# --- the person --------------------------------------------------------------------------------------------


def _open_assignment_for_person(assignment: Assignment, by: User, now: datetime) -> Assignment:
    assignment = Assignment.objects.select_for_update().select_related("course__person").get(pk=assignment.pk)
    _check_own(assignment.course, by)
    if not assignment.course.is_open:
        raise ModuleError(
            _("Forløpet ditt er avsluttet, så du kan ikke skrive mer her. Svarene dine er lagret.")
        )
    if not is_unlocked(assignment, now=now):
        raise ModuleError(_("Denne modulen er ikke åpnet ennå."))
    return assignment


@transaction.atomic
def save_answers(
    *, assignment: Assignment, by: User, answers: Mapping[str, str], share: bool, now: datetime | None = None
) -> int:
    """The person saves what they wrote: as a draft only they see, or shared with the team (`share`).
    Returns how many answers changed."""
    now = now or timezone.now()
    assignment = _open_assignment_for_person(assignment, by, now)
    module = catalog.get(assignment.slug)
    if module is None:
        raise ModuleError(_("Modulen finnes ikke lenger."))
    for key, value in answers.items():
        if module.exercise(key) is None:
            raise ModuleError(_("Øvelsen finnes ikke i denne modulen."))
        if len(value) > MAX_ANSWER_CHARS:
            raise ModuleError(
                _("Et av svarene er for langt (høyst %(n)s tegn). Teksten din står fortsatt i feltet.")
                % {"n": MAX_ANSWER_CHARS}
            )
    existing = {a.exercise: a for a in Answer.objects.select_for_update().filter(assignment=assignment)}
    changed = 0
    for key, raw in answers.items():
        value = raw.strip()
        answer = existing.get(key)
        if answer is None:
            if not value:
                continue
            answer = Answer(assignment=assignment, exercise=key)
        if share:
            if value == answer.text and not answer.draft:
                continue
            if value != answer.text:
                answer.text = value
                answer.shared_at = now if value else None
            answer.draft, answer.draft_saved_at = "", None
        else:
            if value == (answer.draft if answer.draft_saved_at else answer.text):
                continue
            answer.draft, answer.draft_saved_at = value, now
        answer.save()
        changed += 1
        record_change(
            by=by,
            obj=answer,
            subject=assignment.course.person,
            why=f"Svar i modul {assignment.slug} {'delt med behandler' if share else 'lagret som utkast'}",
        )
    return changed


@transaction.atomic
def mark_done(*, assignment: Assignment, by: User, done: bool = True, now: datetime | None = None) -> None:
    now = now or timezone.now()
    assignment = _open_assignment_for_person(assignment, by, now)
    if done == (assignment.completed_at is not None):
        return
    assignment.completed_at = now if done else None
    assignment.save(update_fields=["completed_at"])
    record_change(
        by=by,
        obj=assignment,
        subject=assignment.course.person,
        why=f"Modul {assignment.slug} {'merket som fullført' if done else 'ikke lenger merket som fullført'}",
    )


# --- flags for the caseload --------------------------------------------------------------------------------


def flags_for(course_ids: Iterable[int], *, now: datetime) -> dict[int, list[Flag]]:
    """INFO "Nytt svar å lese" for each open course where the person shared an answer the team has not read
    or commented on yet. One query whatever the number of courses."""
    ids = list(course_ids)
    found: dict[int, list[Flag]] = {pk: [] for pk in ids}
    if not ids:
        return found
    rows = (
        Answer.objects.filter(
            assignment__course_id__in=ids,
            assignment__course__closed_at__isnull=True,
            shared_at__isnull=False,
            shared_at__lte=now,
        )
        .filter(Q(seen_at__isnull=True) | Q(seen_at__lt=F("shared_at")))
        .values("assignment__course_id")
        .annotate(n=Count("pk"))
    )
    # A shared answer that speaks of acute danger is urgent (one more query, over the unread ones only).
    unread = Answer.objects.filter(
        assignment__course_id__in=ids,
        assignment__course__closed_at__isnull=True,
        shared_at__isnull=False,
        shared_at__lte=now,
    ).filter(Q(seen_at__isnull=True) | Q(seen_at__lt=F("shared_at")))
    for course_id, text, shared_at in unread.values_list("assignment__course_id", "text", "shared_at"):
        if mentions_acute_danger(text):
            found[course_id].append(
                Flag(
                    course_id=course_id,
                    kind="module_answer_danger",
                    label=_("Svar om akutt fare"),
                    why=_(
                        "Et delt svar i en modul kan tyde på akutt fare (delt %(when)s). Ta kontakt nå; personen "
                        "har fått 113 og 116 117 på skjermen."
                    )
                    % {"when": timezone.localtime(shared_at).strftime("%d.%m. %H:%M")},
                    severity=Severity.URGENT,
                    url=reverse("care_modules:staff", kwargs={"course_pk": course_id}),
                    for_doctor=True,
                )
            )
    for row in rows:
        course_id, n = row["assignment__course_id"], row["n"]
        found[course_id].append(
            Flag(
                course_id=course_id,
                kind="module_answer_unread",
                label=_("Nytt svar å lese"),
                why=ngettext(
                    "%(n)s svar i en modul er delt og ikke lest eller kommentert ennå.",
                    "%(n)s svar i moduler er delt og ikke lest eller kommentert ennå.",
                    n,
                )
                % {"n": n},
                severity=Severity.INFO,
                url=reverse("care_modules:staff", kwargs={"course_pk": course_id}),
            )
        )
    return found
