"""A relative's own work in the course: answers to the reflection exercises and which lessons are done.

Private to the relative: keyed by the relative's own Person, read only on the relative's own `@own_data`
pages, never listed on a staff page or shared through the consent dial (which is about the *person's*
data, not the relative's). Lessons are files, so rows name a lesson by its slug, not by a key.
"""

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from forlop.people.models import Person

ANSWER_MAX = 4000


class LessonDone(models.Model):
    relative = models.ForeignKey(
        Person, verbose_name=_("pårørende"), on_delete=models.CASCADE, related_name="craft_done"
    )
    lesson = models.SlugField(_("leksjon"), max_length=60)
    done_at = models.DateTimeField(_("fullført"))

    class Meta:
        verbose_name = _("fullført leksjon")
        verbose_name_plural = _("fullførte leksjoner")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["relative", "lesson"], name="relatives_craft_done_once"),
        ]

    def __str__(self) -> str:
        return self.lesson


class ExerciseAnswer(models.Model):
    relative = models.ForeignKey(
        Person, verbose_name=_("pårørende"), on_delete=models.CASCADE, related_name="craft_answers"
    )
    lesson = models.SlugField(_("leksjon"), max_length=60)
    exercise = models.SlugField(_("oppgave"), max_length=40)
    text = models.TextField(_("svar"), max_length=ANSWER_MAX)
    written_at = models.DateTimeField(_("skrevet"))

    class Meta:
        verbose_name = _("svar på refleksjonsoppgave")
        verbose_name_plural = _("svar på refleksjonsoppgaver")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["relative", "lesson", "exercise"], name="relatives_craft_one_answer"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.lesson}/{self.exercise}"

    def access_log_subject(self) -> Person:
        return self.relative
