"""Writes of reviews: one by one, or imported in bulk (API rows or a CSV file)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cjm.core.permissions import require_role
from cjm.core.roles import Role
from cjm.core.typing import Actor
from feedback.models import Review
from feedback.models.reviews import REVIEW_TEXT_MAX
from feedback.services.common import apply_sentiment, check_lengths, reject_nul
from feedback.services.responses import BulkValidationError
from feedback.signals import announce_negative, send_on_commit

REVIEW_FIELDS = {
    "source",
    "external_id",
    "author",
    "grade",
    "text",
    "published_at",
    "url",
    "touchpoint",
    "stage",
    "trust_level",
}
MAX_IMPORT = 5000


def _prepare(review: Review) -> Review:
    reject_nul(text=review.text, author=review.author, external_id=review.external_id)
    check_lengths(REVIEW_TEXT_MAX, text=review.text)
    if review.touchpoint is not None:
        review.stage_id = review.touchpoint.stage_id
    review.full_clean(exclude=["workspace"])
    apply_sentiment(review, review.text, review.language)
    return review


@transaction.atomic
def review_create(*, actor: Actor, workspace, **fields) -> Review:
    require_role(actor, workspace.pk, Role.EDITOR)
    unknown = set(fields) - REVIEW_FIELDS
    if unknown:
        raise TypeError(f"unknown review fields {sorted(unknown)}")
    review = _prepare(Review(workspace=workspace, created_by=actor, **fields))
    review.save()
    send_on_commit(Review, [review])
    announce_negative([review], "review")
    return review


@transaction.atomic
def review_update(*, actor: Actor, review: Review, **changes) -> Review:
    """Correct a review (link it to a touchpoint, fix its trust level); the text is re-scored."""
    require_role(actor, review.workspace_id, Role.EDITOR)
    unknown = set(changes) - REVIEW_FIELDS
    if unknown:
        raise TypeError(f"cannot change {sorted(unknown)} of Review")
    fresh = Review.objects.select_for_update().get(pk=review.pk)
    for field, value in changes.items():
        setattr(fresh, field, value)
    if "touchpoint" in changes and fresh.touchpoint_id is None and "stage" not in changes:
        fresh.stage = None
    _prepare(fresh).save()
    return fresh


@transaction.atomic
def review_delete(*, actor: Actor, review: Review) -> None:
    require_role(actor, review.workspace_id, Role.EDITOR)
    review.delete()


@transaction.atomic
def reviews_import(*, actor: Actor, workspace, rows: list[dict]) -> dict[str, int]:
    """Import reviews: all rows valid or nothing stored (BulkValidationError by row index).
    A row whose (source, external id) is already stored, or repeated, counts as a duplicate."""
    require_role(actor, workspace.pk, Role.EDITOR)
    if len(rows) > MAX_IMPORT:
        raise ValidationError({"non_field_errors": [_("At most %(n)d rows.") % {"n": MAX_IMPORT}]})
    wanted = {(r.get("source"), r.get("external_id")) for r in rows if r.get("external_id")}
    stored: set[tuple] = set(
        Review.objects.filter(
            workspace=workspace, external_id__in={key for _, key in wanted}
        ).values_list("source", "external_id")
    )
    errors: dict[int, dict] = {}
    built: list[Review] = []
    duplicates = 0
    for index, row in enumerate(rows):
        unknown = set(row) - REVIEW_FIELDS
        if unknown:
            errors[index] = {name: [_("Unknown field.")] for name in sorted(unknown)}
            continue
        key = (row.get("source"), row.get("external_id"))
        if key[1] and key in stored:
            duplicates += 1
            continue
        touchpoint = row.get("touchpoint")
        if touchpoint is not None and touchpoint.stage.journey.workspace_id != workspace.pk:
            errors[index] = {"touchpoint": [_("The touchpoint belongs to another workspace.")]}
            continue
        try:
            built.append(_prepare(Review(workspace=workspace, created_by=actor, **row)))
        except ValidationError as exc:
            errors[index] = exc.message_dict
            continue
        if key[1]:
            stored.add(key)
    if errors:
        raise BulkValidationError(errors)
    created = Review.objects.bulk_create(built)
    send_on_commit(Review, created)
    announce_negative(created, "review")
    return {"created": len(built), "duplicates": duplicates}
