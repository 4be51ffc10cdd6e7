"""Writes about articles that must be accounted for: a doctor's medical review."""

from datetime import datetime
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from forlop.accounts.models import User
from forlop.audit import policy
from forlop.audit.policy import Act, Data
from forlop.content.models import Article, MedicalReview


class ReviewOutcome(StrEnum):
    REVIEWED = "reviewed"
    CHANGED = "changed"  # the text changed after the doctor opened it: nothing recorded
    NOT_FOUND = "not_found"


def mark_medically_reviewed(
    *, article_id: int, reviewed_digest: str, by: User, now: datetime | None = None
) -> ReviewOutcome:
    """Record that `by`, a doctor, has reviewed the article in the wording whose digest they were shown.

    The review covers exactly that wording: the update is conditional on the article's content_digest still
    being `reviewed_digest`, so an edit saved between opening and confirming is never marked as reviewed
    (the doctor is told to read it again). The article's fields and the MedicalReview record are written in
    one transaction.
    """
    if not policy.may(by, Act.CHANGE, Data.ARTICLE_REVIEW):
        raise PermissionDenied("only a doctor can record a medical review")
    now = now or timezone.now()
    with transaction.atomic():
        updated = Article.objects.filter(pk=article_id, content_digest=reviewed_digest).update(
            medically_reviewed_by=by, medically_reviewed_at=now, medically_reviewed_digest=reviewed_digest
        )
        if updated != 1:
            exists = Article.objects.filter(pk=article_id).exists()
            return ReviewOutcome.CHANGED if exists else ReviewOutcome.NOT_FOUND
        MedicalReview.objects.create(
            article_id=article_id, reviewed_by=by, reviewed_at=now, content_digest=reviewed_digest
        )
    return ReviewOutcome.REVIEWED
