"""Which modules a course has and when each opens, the person's answers and the team's comments.

The modules' text is not here: it lives in Markdown files (see `catalog.py`); an assignment names its module
by slug."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from forlop.care.models import Course


class Assignment(models.Model):
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="module_assignments")
    slug = models.CharField(_("modul"), max_length=64)
    unlocks_on = models.DateField(_("åpnes"))  # a calendar day in the clinic's time zone
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField(_("tildelt"))
    completed_at = models.DateTimeField(_("fullført"), null=True, blank=True)

    class Meta:
        verbose_name = _("tildelt modul")
        verbose_name_plural = _("tildelte moduler")
        ordering = ["unlocks_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["course", "slug"], name="care_modules_one_assignment_per_module")
        ]

    def __str__(self) -> str:
        return f"Modul {self.slug} (forløp {self.course_id})"


class Answer(models.Model):
    """The person's answer to one exercise. `draft` is only the person's (saved, not shared yet); `text` is
    what the person shared with the team, at `shared_at`. The team has read it when `seen_at` is after
    `shared_at`."""

    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="answers")
    exercise = models.CharField(_("øvelse"), max_length=64)
    draft = models.TextField(_("utkast"), blank=True)
    draft_saved_at = models.DateTimeField(null=True, blank=True)
    text = models.TextField(_("svar"), blank=True)
    shared_at = models.DateTimeField(_("delt"), null=True, blank=True)
    seen_at = models.DateTimeField(_("lest av behandler"), null=True, blank=True)
    seen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("svar på øvelse")
        verbose_name_plural = _("svar på øvelser")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "exercise"], name="care_modules_one_answer_per_exercise"
            )
        ]

    def __str__(self) -> str:
        return f"Svar {self.exercise} ({self.assignment})"

    @property
    def unread(self) -> bool:
        return self.shared_at is not None and (self.seen_at is None or self.seen_at < self.shared_at)


class Comment(models.Model):
    answer = models.ForeignKey(Answer, on_delete=models.PROTECT, related_name="comments")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    text = models.TextField(_("kommentar"))

    class Meta:
        verbose_name = _("kommentar til svar")
        verbose_name_plural = _("kommentarer til svar")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"Kommentar til {self.answer}"
