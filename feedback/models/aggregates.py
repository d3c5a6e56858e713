"""Weekly survey aggregates, recomputed by a Celery job (and on demand) for charts."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from feedback.choices import MetricDimension, SurveyKind


class FeedbackAggregate(models.Model):
    """Counts for one kind of survey, one week, one thing (a touchpoint, stage, journey,
    channel, or the whole workspace with ``object_id`` 0). Counts add up across weeks, so a
    period's NPS / CSAT / CES is computed from the sums."""

    workspace = models.ForeignKey(
        "cjm.Workspace", on_delete=models.CASCADE, related_name="feedback_aggregates"
    )
    dimension = models.CharField(max_length=10, choices=MetricDimension.choices)
    object_id = models.BigIntegerField(default=0)
    kind = models.CharField(max_length=4, choices=SurveyKind.choices)
    week = models.DateField(help_text=_("Monday of the week."))
    answers = models.PositiveIntegerField(default=0)
    promoters = models.PositiveIntegerField(default=0)
    detractors = models.PositiveIntegerField(default=0)
    satisfied = models.PositiveIntegerField(default=0)
    score_sum = models.BigIntegerField(default=0)
    refreshed_at = models.DateTimeField()

    class Meta:
        ordering = ["week"]
        verbose_name = _("feedback aggregate")
        verbose_name_plural = _("feedback aggregates")
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "dimension", "object_id", "kind", "week"],
                name="feedbackaggregate_unique_cell",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dimension} {self.object_id} {self.kind} {self.week}"
