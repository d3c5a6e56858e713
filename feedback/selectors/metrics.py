"""NPS / CSAT / CES of one survey (live) and over time or by thing (from the aggregates)."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Max, Q, Sum
from django.utils import timezone

from feedback import metrics
from feedback.choices import SCALES, MetricDimension, SurveyKind
from feedback.models import FeedbackAggregate, Response, Review, Survey
from feedback.selectors.settings import feedback_settings_for


def survey_stats(*, survey: Survey) -> dict:
    """Live figures of one survey: ``responses`` and the metric of its kind (others None),
    with the promoter / passive / detractor split and the distribution of scores."""
    answers = survey.responses.order_by()
    totals = answers.aggregate(
        responses=Count("id"),
        promoters=Count("id", filter=Q(score__gte=metrics.PROMOTER_FROM)),
        detractors=Count("id", filter=Q(score__lte=metrics.DETRACTOR_UP_TO)),
        satisfied=Count("id", filter=Q(score__gte=metrics.SATISFIED_FROM)),
        score_sum=Sum("score"),
    )
    counts = metrics.Counts(
        totals["responses"],
        totals["promoters"],
        totals["detractors"],
        totals["satisfied"],
        totals["score_sum"] or 0,
    )
    low, high = SCALES[survey.kind]
    distribution = dict.fromkeys(range(low, high + 1), 0)
    for row in answers.values("score").annotate(n=Count("id")):
        distribution[row["score"]] = row["n"]
    is_nps = survey.kind == SurveyKind.NPS
    return {
        "responses": counts.answers,
        "nps": counts.value(SurveyKind.NPS) if is_nps else None,
        "csat": counts.value(SurveyKind.CSAT) if survey.kind == SurveyKind.CSAT else None,
        "ces": counts.value(SurveyKind.CES) if survey.kind == SurveyKind.CES else None,
        "promoters": counts.promoters if is_nps else None,
        "passives": counts.answers - counts.promoters - counts.detractors if is_nps else None,
        "detractors": counts.detractors if is_nps else None,
        "distribution": [{"score": s, "responses": n} for s, n in distribution.items()],
    }


def monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def metric_series(
    *, workspace_id: int, kind: str, dimension: str, object_id: int = 0, weeks: int = 12, today=None
) -> list[dict]:
    """The last ``weeks`` weeks, oldest first: ``{"week", "responses", "value"}`` (value None
    for a week without answers)."""
    last = monday(today or timezone.localdate())
    first = last - datetime.timedelta(weeks=weeks - 1)
    cells = {
        row.week: row
        for row in FeedbackAggregate.objects.filter(
            workspace_id=workspace_id,
            kind=kind,
            dimension=dimension,
            object_id=object_id,
            week__gte=first,
        )
    }
    series = []
    for offset in range(weeks):
        week = first + datetime.timedelta(weeks=offset)
        cell = cells.get(week)
        counts = _counts(cell) if cell else metrics.Counts()
        series.append({"week": week, "responses": counts.answers, "value": counts.value(kind)})
    return series


def metric_breakdown(
    *, workspace_id: int, kind: str, dimension: str, since: datetime.date | None = None
) -> dict[int, dict]:
    """Per thing of ``dimension``: ``{"responses", "value"}`` summed over the weeks since
    ``since`` (all time when None)."""
    qs = FeedbackAggregate.objects.filter(workspace_id=workspace_id, kind=kind, dimension=dimension)
    if since is not None:
        qs = qs.filter(week__gte=monday(since))
    sums: defaultdict[int, metrics.Counts] = defaultdict(metrics.Counts)
    for row in qs:
        sums[row.object_id] = sums[row.object_id] + _counts(row)
    return {pk: {"responses": c.answers, "value": c.value(kind)} for pk, c in sums.items()}


def aggregates_refreshed_at(*, workspace_id: int):
    return FeedbackAggregate.objects.filter(workspace_id=workspace_id).aggregate(
        at=Max("refreshed_at")
    )["at"]


@dataclass(frozen=True)
class AggregatesState:
    refreshed_at: datetime.datetime | None
    answers: int  # answers stored now
    counted: int  # answers the aggregates count

    @property
    def stale(self) -> bool:
        """Answers arrived (or were deleted) since the last refresh, or none was ever made."""
        return self.answers != self.counted or (self.answers > 0 and self.refreshed_at is None)


def aggregates_state(*, workspace_id: int) -> AggregatesState:
    """When the charts were computed and whether they still count every answer (two queries)."""
    found = FeedbackAggregate.objects.filter(
        workspace_id=workspace_id, dimension=MetricDimension.WORKSPACE
    ).aggregate(at=Max("refreshed_at"), counted=Sum("answers"))
    return AggregatesState(
        refreshed_at=found["at"],
        answers=Response.objects.filter(workspace_id=workspace_id).count(),
        counted=found["counted"] or 0,
    )


def _counts(row: FeedbackAggregate) -> metrics.Counts:
    return metrics.Counts(row.answers, row.promoters, row.detractors, row.satisfied, row.score_sum)


def review_score(*, workspace_id: int, since=None) -> dict:
    """The workspace's trust-weighted review grade (1-5) and the number of graded reviews:
    a verified purchase counts most, an anonymous review least (weights: FeedbackSettings)."""
    weights = feedback_settings_for(workspace_id).trust_weights()
    reviews = Review.objects.filter(workspace_id=workspace_id, grade__isnull=False)
    if since is not None:
        reviews = reviews.filter(published_at__gte=since)
    total = weight = 0.0
    count = 0
    for row in reviews.order_by().values("trust_level").annotate(n=Count("id"), s=Sum("grade")):
        w = weights.get(row["trust_level"], 0.0)
        total += w * row["s"]
        weight += w * row["n"]
        count += row["n"]
    return {"value": round(total / weight, 2) if weight else None, "reviews": count}
