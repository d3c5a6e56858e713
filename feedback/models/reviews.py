"""Reviews from outside sources with a trust level from the review-maturity model (seed 000)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cjm.core.models import TimeStampedModel
from feedback.choices import Language, ReviewSource, Sentiment, TrustLevel

REVIEW_TEXT_MAX = 5000


class Review(TimeStampedModel):
    workspace = models.ForeignKey(
        "cjm.Workspace",
        on_delete=models.CASCADE,
        related_name="reviews",
        verbose_name=_("workspace"),
    )
    source = models.CharField(_("source"), max_length=12, choices=ReviewSource.choices)
    external_id = models.CharField(
        _("id at the source"),
        max_length=200,
        blank=True,
        help_text=_("Re-importing a review with the same source and id updates nothing."),
    )
    author = models.CharField(_("author"), max_length=200, blank=True)
    grade = models.PositiveSmallIntegerField(
        _("grade (1-5)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    text = models.TextField(_("text"), max_length=REVIEW_TEXT_MAX, blank=True)
    published_at = models.DateTimeField(_("published"), default=timezone.now, db_index=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    touchpoint = models.ForeignKey(
        "touchpoints.Touchpoint",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviews",
        verbose_name=_("touchpoint"),
    )
    stage = models.ForeignKey(
        "cjm.Stage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviews",
        verbose_name=_("stage"),
    )
    trust_level = models.CharField(
        _("trust level"), max_length=17, choices=TrustLevel.choices, default=TrustLevel.ANONYMOUS
    )
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.RU
    )
    sentiment = models.CharField(
        _("sentiment"), max_length=8, choices=Sentiment.choices, blank=True, default=""
    )
    sentiment_score = models.FloatField(_("sentiment score"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("imported by"),
    )

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(source__in=ReviewSource.values), name="review_source_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(trust_level__in=TrustLevel.values), name="review_trust_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(grade__isnull=True) | models.Q(grade__gte=1, grade__lte=5),
                name="review_grade_range",
            ),
            models.CheckConstraint(
                condition=models.Q(sentiment__in=["", *Sentiment.values]),
                name="review_sentiment_valid",
            ),
            models.UniqueConstraint(
                fields=["workspace", "source", "external_id"],
                condition=~models.Q(external_id=""),
                name="review_unique_external_id",
            ),
        ]
        indexes = [
            models.Index(fields=["workspace", "sentiment", "published_at"]),
            models.Index(fields=["touchpoint", "published_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()}: {self.text[:40]}"

    def clean(self) -> None:
        errors = {}
        if not (self.text.strip() or self.grade):
            errors["text"] = _("A review needs a text or a grade.")
        if self.touchpoint_id and self.touchpoint.stage.journey.workspace_id != self.workspace_id:
            errors["touchpoint"] = _("The touchpoint belongs to another workspace.")
        if self.stage_id and self.stage.journey.workspace_id != self.workspace_id:
            errors["stage"] = _("The stage belongs to another workspace.")
        if errors:
            raise ValidationError(errors)
