"""Per-workspace feedback settings (the Workspace model belongs to the journeys app)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from cjm.core.models import TimeStampedModel
from feedback.choices import TrustLevel

WEIGHT_VALIDATORS = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("10"))]


class FeedbackSettings(TimeStampedModel):
    """Created on demand with the defaults below (``feedback_settings_get``)."""

    workspace = models.OneToOneField(
        "cjm.Workspace",
        on_delete=models.CASCADE,
        related_name="feedback_settings",
        verbose_name=_("workspace"),
    )
    fatigue_days = models.PositiveSmallIntegerField(
        _("ask the same customer at most once per (days)"),
        default=14,
        validators=[MaxValueValidator(365)],
        help_text=_("0 turns the rule off. Applies to invitations and to answers."),
    )
    suggest_window_days = models.PositiveSmallIntegerField(
        _("suggested rating: feedback of the last (days)"),
        default=90,
        validators=[MinValueValidator(1), MaxValueValidator(730)],
    )
    suggest_min_answers = models.PositiveSmallIntegerField(
        _("suggested rating: minimum number of answers"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(10000)],
    )
    suggest_excellent_from = models.PositiveSmallIntegerField(
        _("suggest “excellent” from feedback index"),
        default=75,
        validators=[MaxValueValidator(100)],
    )
    suggest_awful_below = models.PositiveSmallIntegerField(
        _("suggest “awful” below feedback index"),
        default=50,
        validators=[MaxValueValidator(100)],
    )
    weight_anonymous = models.DecimalField(
        _("weight of anonymous reviews"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.25"),
        validators=WEIGHT_VALIDATORS,
    )
    weight_identified = models.DecimalField(
        _("weight of reviews by an identified author"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.50"),
        validators=WEIGHT_VALIDATORS,
    )
    weight_verified_identity = models.DecimalField(
        _("weight of reviews with a verified identity"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.75"),
        validators=WEIGHT_VALIDATORS,
    )
    weight_verified_purchase = models.DecimalField(
        _("weight of reviews with a verified purchase"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=WEIGHT_VALIDATORS,
    )

    class Meta:
        verbose_name = _("feedback settings")
        verbose_name_plural = _("feedback settings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(suggest_awful_below__lte=models.F("suggest_excellent_from")),
                name="feedbacksettings_thresholds_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"Feedback settings of {self.workspace_id}"

    def clean(self) -> None:
        if self.suggest_awful_below > self.suggest_excellent_from:
            raise ValidationError(
                {
                    "suggest_awful_below": _(
                        "The “awful” threshold must not be above the “excellent” one."
                    )
                }
            )

    def trust_weights(self) -> dict[str, float]:
        return {
            TrustLevel.ANONYMOUS: float(self.weight_anonymous),
            TrustLevel.IDENTIFIED: float(self.weight_identified),
            TrustLevel.VERIFIED_IDENTITY: float(self.weight_verified_identity),
            TrustLevel.VERIFIED_PURCHASE: float(self.weight_verified_purchase),
        }
