"""Writes to therapist profiles.

The publishing rule (see models.py): the admin publishes. Before a profile is first published the
therapist's edits are simply saved. Once it is published, the therapist's changes to what the public sees
wait in `pending_changes` (the directory keeps showing the approved version) until the admin publishes
again; only the availability fields go live at once.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from forlop.accounts.models import User

from .images import OUTPUT_SUFFIX, process_portrait
from .models import FocusArea, Language, MeetingMode, Method, Therapist

# Fields a therapist changes live even on a published profile: availability, not presentation.
LIVE_FIELDS = ("accepting_new_clients", "new_clients_per_week")
# Public presentation: on a published profile, a therapist's changes to these wait for the admin.
REVIEWED_FIELDS = (
    "name",
    "title",
    "profession",
    "hpr_number",
    "bio_short",
    "bio_long",
    "gender",
    "place",
    "medical_detox",
)
RELATIONS: dict[str, type[FocusArea | Method | Language | MeetingMode]] = {
    "focus_areas": FocusArea,
    "methods": Method,
    "languages": Language,
    "meeting_modes": MeetingMode,
}
PHOTO = "photo"

# What `changes["photo"]` may be: new JPEG bytes, REMOVE_PHOTO, or absent/None for "leave as it is".
REMOVE_PHOTO = False


@dataclass(frozen=True)
class SaveOutcome:
    therapist: Therapist
    created: bool
    pending: bool  # some changes wait for the admin (published profiles only)
    submitted: bool  # the profile was sent for review


def _keys(values: Any) -> list[str]:
    """Vocabulary rows or keys, as a sorted list of keys (JSON-friendly, order-independent)."""
    return sorted(value if isinstance(value, str) else value.key for value in values)


def _unique_slug(name: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:70] or "terapeut"
    slug, number = base, 2
    taken = Therapist.objects.all() if exclude_pk is None else Therapist.objects.exclude(pk=exclude_pk)
    while taken.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _save_photo(therapist: Therapist, data: bytes) -> None:
    old = therapist.photo.name if therapist.photo else ""
    therapist.photo.save(f"portrett.{OUTPUT_SUFFIX}", ContentFile(data), save=False)
    if old:
        _delete_file_after_commit(therapist, old)


def _delete_file_after_commit(therapist: Therapist, name: str | None) -> None:
    if not name:
        return
    storage = therapist.photo.storage
    transaction.on_commit(lambda: storage.delete(name))


def _apply(therapist: Therapist, changes: Mapping[str, Any], fields: tuple[str, ...]) -> None:
    for name in fields:
        if name in changes:
            setattr(therapist, name, changes[name])


def _set_relations(therapist: Therapist, changes: Mapping[str, Any]) -> None:
    for name, model in RELATIONS.items():
        if name in changes:
            keys = _keys(changes[name])
            getattr(therapist, name).set(model.objects.filter(key__in=keys))  # type: ignore[attr-defined]


def _apply_photo(therapist: Therapist, photo: Any) -> None:
    if photo is None:
        return
    if photo is REMOVE_PHOTO:
        if therapist.photo:
            _delete_file_after_commit(therapist, therapist.photo.name)
            therapist.photo = None  # type: ignore[assignment]
        return
    _save_photo(therapist, photo)


@transaction.atomic
def save_own_profile(
    *, user: User, changes: Mapping[str, Any], submit: bool = False, now: datetime.datetime | None = None
) -> SaveOutcome:
    """Save what `user` typed into their own profile form (cleaned data; photo as JPEG bytes).

    A new profile starts as a draft. `submit` sends a draft for review. A published profile keeps its
    public version: the changes to REVIEWED_FIELDS, relations and photo are stored as pending."""
    now = now or timezone.now()
    therapist = Therapist.objects.select_for_update().filter(user=user).first()
    created = therapist is None
    if therapist is None:
        name = changes.get("name") or user.full_name or user.email.split("@")[0]
        therapist = Therapist(user=user, name=name, slug=_unique_slug(name))

    if therapist.is_published:
        _apply(therapist, changes, LIVE_FIELDS)
        therapist.pending_changes = _pending(therapist, changes)
        if therapist.pending_changes:
            therapist.submitted_at = therapist.submitted_at or now
        else:
            therapist.submitted_at = None
        therapist.save()
        return SaveOutcome(therapist, created=False, pending=bool(therapist.pending_changes), submitted=False)

    _apply(therapist, changes, LIVE_FIELDS + REVIEWED_FIELDS)
    _apply_photo(therapist, changes.get(PHOTO))
    if submit:
        therapist.status = Therapist.Status.REVIEW
        therapist.submitted_at = now
    therapist.save()
    _set_relations(therapist, changes)
    return SaveOutcome(therapist, created=created, pending=False, submitted=submit)


def _pending(therapist: Therapist, changes: Mapping[str, Any]) -> dict[str, Any]:
    """The proposed values that differ from the published ones, JSON-ready. A photo proposed earlier and
    now replaced or withdrawn is deleted."""
    proposed: dict[str, Any] = {}
    for name in REVIEWED_FIELDS:
        if name in changes and changes[name] != getattr(therapist, name):
            proposed[name] = changes[name]
    for name in RELATIONS:
        if name in changes:
            keys = _keys(changes[name])
            if keys != _keys(getattr(therapist, name).all()):
                proposed[name] = keys

    earlier_photo = therapist.pending_changes.get(PHOTO)
    photo = changes.get(PHOTO)
    if photo is None and PHOTO in therapist.pending_changes:
        proposed[PHOTO] = earlier_photo  # untouched: the earlier proposal stands
    elif photo is REMOVE_PHOTO:
        if therapist.photo:
            proposed[PHOTO] = ""
        if earlier_photo:
            _delete_file_after_commit(therapist, earlier_photo)
    elif isinstance(photo, bytes | bytearray):
        stored = therapist.photo.storage.save(
            therapist.photo.field.generate_filename(therapist, f"portrett.{OUTPUT_SUFFIX}"),
            ContentFile(photo),
        )
        proposed[PHOTO] = stored
        if earlier_photo:
            _delete_file_after_commit(therapist, earlier_photo)
    return proposed


def proposed_values(therapist: Therapist) -> dict[str, Any]:
    """The profile as its owner last wrote it: published values overlaid with pending changes. Used as the
    form's starting values, so a therapist sees what they proposed rather than the old text."""
    values: dict[str, Any] = {name: getattr(therapist, name) for name in LIVE_FIELDS + REVIEWED_FIELDS}
    if therapist.pk:
        for name in RELATIONS:
            values[name] = _keys(getattr(therapist, name).all())
    values.update({k: v for k, v in therapist.pending_changes.items() if k != PHOTO})
    return values


@transaction.atomic
def publish(*, therapist: Therapist, now: datetime.datetime | None = None) -> None:
    """Make the profile public, with any changes its owner proposed since it was last published."""
    now = now or timezone.now()
    therapist = Therapist.objects.select_for_update().get(pk=therapist.pk)
    pending = dict(therapist.pending_changes)
    _apply(therapist, pending, REVIEWED_FIELDS)
    if PHOTO in pending:
        if therapist.photo:
            _delete_file_after_commit(therapist, therapist.photo.name)
        therapist.photo = pending[PHOTO] or None  # type: ignore[assignment]
    therapist.pending_changes = {}
    therapist.status = Therapist.Status.PUBLISHED
    therapist.published_at = now
    therapist.submitted_at = None
    therapist.save()
    _set_relations(therapist, pending)


@transaction.atomic
def unpublish(*, therapist: Therapist) -> None:
    """Take the profile out of the directory. It becomes a draft; proposed changes are kept."""
    Therapist.objects.filter(pk=therapist.pk).update(status=Therapist.Status.DRAFT, updated_at=timezone.now())


def process_upload(upload: Any) -> bytes:
    """Uploaded file to clean JPEG bytes (ValidationError with a Norwegian message otherwise)."""
    return process_portrait(upload, size=getattr(upload, "size", None))
