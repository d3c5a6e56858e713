"""Answers to surveys: from the public page, an invitation link or the API."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from feedback.choices import SCALES, Language, ResponseOrigin, Sentiment, SurveyKind

COMMENT_MAX = 2000


def _score_in_scale() -> models.Q:
    condition = models.Q()
    for kind, (low, high) in SCALES.items():
        condition |= models.Q(kind=kind, score__gte=low, score__lte=high)
    return condition


class Response(models.Model):
    workspace = models.ForeignKey(
        "cjm.Workspace",
        on_delete=models.CASCADE,
        related_name="survey_responses",
        verbose_name=_("workspace"),
    )
    survey = models.ForeignKey(
        "feedback.Survey",
        on_delete=models.CASCADE,
        related_name="responses",
        verbose_name=_("survey"),
    )
    # Copied from the survey when the answer arrives, so metrics group without joins and an
    # answer keeps its place if the survey is later re-targeted.
    kind = models.CharField(_("kind"), max_length=4, choices=SurveyKind.choices)
    journey = models.ForeignKey(
        "cjm.Journey", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    stage = models.ForeignKey(
        "cjm.Stage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    touchpoint = models.ForeignKey(
        "touchpoints.Touchpoint",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_responses",
    )
    channel = models.ForeignKey(
        "touchpoints.Channel",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("channel"),
    )
    score = models.SmallIntegerField(_("score"))
    comment = models.TextField(_("why"), max_length=COMMENT_MAX, blank=True)
    improve_text = models.TextField(_("what to improve"), max_length=COMMENT_MAX, blank=True)
    value_text = models.TextField(_("what they value"), max_length=COMMENT_MAX, blank=True)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.RU
    )
    origin = models.CharField(_("origin"), max_length=12, choices=ResponseOrigin.choices)
    invitation = models.OneToOneField(
        "feedback.Invitation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="response",
        verbose_name=_("invitation"),
    )
    customer_external_id = models.CharField(_("customer id"), max_length=200, blank=True)
    idempotency_key = models.CharField(
        _("idempotency key"), max_length=200, null=True, blank=True, default=None
    )
    sentiment = models.CharField(
        _("sentiment"), max_length=8, choices=Sentiment.choices, blank=True, default=""
    )
    sentiment_score = models.FloatField(_("sentiment score"), null=True, blank=True)
    created_at = models.DateTimeField(_("answered at"), default=timezone.now, db_index=True)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.CheckConstraint(condition=_score_in_scale(), name="response_score_in_scale"),
            models.CheckConstraint(
                condition=models.Q(origin__in=ResponseOrigin.values), name="response_origin_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(sentiment__in=["", *Sentiment.values]),
                name="response_sentiment_valid",
            ),
            models.UniqueConstraint(
                fields=["workspace", "idempotency_key"],
                condition=models.Q(idempotency_key__isnull=False),
                name="response_unique_idempotency_key",
            ),
        ]
        indexes = [
            models.Index(fields=["workspace", "customer_external_id", "created_at"]),
            models.Index(fields=["touchpoint", "created_at"]),
            models.Index(fields=["stage", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.score}"

    @property
    def text(self) -> str:
        """Everything the customer wrote, for sentiment."""
        return "\n".join(t for t in (self.comment, self.improve_text, self.value_text) if t)

    def clean(self) -> None:
        low, high = SCALES.get(self.kind, (0, 10))
        if self.score is not None and not low <= self.score <= high:
            raise ValidationError(
                {
                    "score": _("Choose a score from %(low)d to %(high)d.")
                    % {"low": low, "high": high}
                }
            )
