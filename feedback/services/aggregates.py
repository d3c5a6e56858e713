"""Recomputing the weekly aggregates behind the feedback charts (Celery job and on demand)."""

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncWeek
from django.utils import timezone

from cjm.choices import Role
from cjm.core.changes import UPDATED, record
from cjm.core.permissions import require_role
from feedback import metrics
from feedback.choices import MetricDimension
from feedback.models import FeedbackAggregate, Response

# Dimension -> the Response field that names the thing (None: the whole workspace).
DIMENSION_FIELDS = {
    MetricDimension.WORKSPACE: None,
    MetricDimension.JOURNEY: "journey_id",
    MetricDimension.STAGE: "stage_id",
    MetricDimension.TOUCHPOINT: "touchpoint_id",
    MetricDimension.CHANNEL: "channel_id",
}


@transaction.atomic
def feedback_aggregates_refresh(*, actor=None, workspace_id: int) -> int:
    """Replace the workspace's aggregates with fresh ones. Safe to run twice. Returns the number
    of aggregate rows written."""
    require_role(actor, workspace_id, Role.EDITOR)
    now = timezone.now()
    answers = Response.objects.filter(workspace_id=workspace_id).order_by()
    rows = []
    for dimension, field in DIMENSION_FIELDS.items():
        group = ["kind", "week"] + ([field] if field else [])
        qs = answers.exclude(**{f"{field}__isnull": True}) if field else answers
        grouped = (
            qs.annotate(week=TruncWeek("created_at"))
            .values(*group)
            .annotate(
                answers=Count("id"),
                promoters=Count("id", filter=Q(score__gte=metrics.PROMOTER_FROM)),
                detractors=Count("id", filter=Q(score__lte=metrics.DETRACTOR_UP_TO)),
                satisfied=Count("id", filter=Q(score__gte=metrics.SATISFIED_FROM)),
                score_sum=Sum("score"),
            )
        )
        for row in grouped:
            week = row["week"]
            rows.append(
                FeedbackAggregate(
                    workspace_id=workspace_id,
                    dimension=dimension,
                    object_id=row[field] if field else 0,
                    kind=row["kind"],
                    week=week.date() if hasattr(week, "date") else week,
                    answers=row["answers"],
                    promoters=row["promoters"],
                    detractors=row["detractors"],
                    satisfied=row["satisfied"],
                    score_sum=row["score_sum"] or 0,
                    refreshed_at=now,
                )
            )
    before = _figures(FeedbackAggregate.objects.filter(workspace_id=workspace_id).values())
    FeedbackAggregate.objects.filter(workspace_id=workspace_id).delete()
    FeedbackAggregate.objects.bulk_create(rows)
    if _figures(vars(row) for row in rows) != before:
        # Feedback figures moved: the maps of the workspace show them (card badges).
        record(
            actor=actor,
            object_type="feedback",
            object_id=None,
            verb=UPDATED,
            workspace_id=workspace_id,
            journey_ids=None,
            object_repr="feedback figures",
        )
    return len(rows)


def _figures(rows) -> set[tuple]:
    """What the aggregates say, without when they were computed (choices compared as text)."""
    return {
        (str(row["dimension"]), row["object_id"], str(row["kind"]), row["week"], row["answers"])
        + (row["promoters"], row["detractors"], row["satisfied"], row["score_sum"])
        for row in rows
    }
