"""The only writers of a relative's course work: answers to the reflection exercises, and done marks.

Each change is recorded with the relative as subject (the relative's own "who has read my data" shows it as
their own change); the answer text itself is never written to the log.
"""

from collections.abc import Callable
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forlop.accounts.models import User
from forlop.audit.models import Action
from forlop.audit.services import Ref, record_change
from forlop.booking.models import ConsultationType
from forlop.people.models import Person
from forlop.therapists.models import Therapist

from . import content
from .models import ANSWER_MAX, ExerciseAnswer, LessonDone

TALK_SLUG = "parorende"  # the pårørendesamtale (see migrations/0003_parorendesamtale.py)


class CraftError(Exception):
    """A change that cannot be made; the message is shown to the relative."""


def _check(relative: Person, by: User) -> None:
    if relative.user_id is None or relative.user_id != by.pk or by.is_staff:
        raise CraftError(_("Bare du selv kan skrive i ditt eget kurs."))


def _lesson(slug: str) -> content.Text:
    lesson = content.lesson(slug, content.DEFAULT_LANGUAGE)  # the keys are the same in every language
    if lesson is None:
        raise CraftError(_("Fant ikke denne leksjonen."))
    return lesson


@transaction.atomic
def save_answers(
    *,
    relative: Person,
    lesson: str,
    answers: dict[str, str],
    by: User,
    now: datetime | None = None,
    between: Callable[[], None] | None = None,
) -> list[ExerciseAnswer]:
    """Write the relative's answers to one lesson's exercises. An emptied answer is deleted (nothing kept
    that the relative took away). `between` is a seam for the race test (called after the existing answers
    are read, before anything is written)."""
    now = now or timezone.now()
    _check(relative, by)
    keys = {block.key for block in _lesson(lesson).exercises}
    unknown = set(answers) - keys
    if unknown:
        raise CraftError(_("Fant ikke denne oppgaven."))
    saved: list[ExerciseAnswer] = []
    # One writer of a relative's answers at a time: two tabs saving the first answer to the same question
    # would otherwise both insert, and the second would fail on the unique constraint.
    Person.objects.select_for_update().filter(pk=relative.pk).first()
    existing = {
        a.exercise: a
        for a in ExerciseAnswer.objects.select_for_update().filter(relative=relative, lesson=lesson)
    }
    if between is not None:
        between()
    for key, raw in answers.items():
        text = raw.strip()
        if len(text) > ANSWER_MAX:
            raise CraftError(_("Et svar kan være på høyst 4000 tegn."))
        answer = existing.get(key)
        if not text:
            if answer is not None:
                answer.delete()
                record_change(
                    by=by,
                    obj=Ref("relatives.exerciseanswer", f"{lesson}/{key}", person_id=relative.pk),
                    subject=relative,
                    action=Action.DELETE,
                    why="Pårørendekurs: svar slettet",
                )
            continue
        if answer is not None and answer.text == text:
            saved.append(answer)
            continue
        created = answer is None
        answer = answer or ExerciseAnswer(relative=relative, lesson=lesson, exercise=key)
        answer.text = text
        answer.written_at = now
        answer.save()
        record_change(
            by=by,
            obj=answer,
            subject=relative,
            action=Action.CREATE if created else Action.CHANGE,
            why="Pårørendekurs: svar lagret",
        )
        saved.append(answer)
    return saved


@transaction.atomic
def mark_done(
    *, relative: Person, lesson: str, done: bool, by: User, now: datetime | None = None
) -> LessonDone | None:
    """Tick a lesson as done (or take the tick away). Ticking twice keeps the first time."""
    now = now or timezone.now()
    _check(relative, by)
    _lesson(lesson)
    if not done:
        deleted, _rows = LessonDone.objects.filter(relative=relative, lesson=lesson).delete()
        if deleted:
            record_change(
                by=by,
                obj=Ref("relatives.lessondone", lesson, person_id=relative.pk),
                subject=relative,
                action=Action.DELETE,
                why="Pårørendekurs: leksjon ikke lenger merket som ferdig",
            )
        return None
    mark, created = LessonDone.objects.get_or_create(
        relative=relative, lesson=lesson, defaults={"done_at": now}
    )
    if created:
        record_change(
            by=by, obj=mark, subject=relative, action=Action.CREATE, why="Pårørendekurs: leksjon ferdig"
        )
    return mark


# --- Reads --------------------------------------------------------------------------------------------------


def done_lessons(relative: Person) -> set[str]:
    return set(LessonDone.objects.filter(relative=relative).values_list("lesson", flat=True))


def answers_for(relative: Person, lesson: str) -> dict[str, ExerciseAnswer]:
    return {a.exercise: a for a in ExerciseAnswer.objects.filter(relative=relative, lesson=lesson)}


def talk_type() -> ConsultationType | None:
    return ConsultationType.objects.active().filter(slug=TALK_SLUG).first()


def talk_therapists() -> list[Therapist]:
    """Published therapists who offer the pårørendesamtale, as their booking page would (the same rules as
    `ConsultationType.objects.offered_by`), in two queries."""
    ctype = talk_type()
    if ctype is None:
        return []
    therapists = Therapist.objects.published().filter(consultation_types=ctype).order_by("name", "pk")
    if ctype.for_new_clients:
        therapists = therapists.filter(accepting_new_clients=True)
    return [t for t in therapists if t.is_physician or not ctype.doctors_only]
