"""The map: a journey is a grid of ordered stages (columns) and ordered lanes (rows)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from cjm.choices import (
    EMOTION_MAX,
    EMOTION_MIN,
    JourneyState,
    JourneyStatus,
    LaneKind,
    MomentOfTruth,
    PurchasePhase,
    lane_display_name,
)
from cjm.core.models import VersionedModel


class Journey(VersionedModel):
    workspace = models.ForeignKey(
        "cjm.Workspace",
        on_delete=models.CASCADE,
        related_name="journeys",
        verbose_name=_("workspace"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    segment = models.ForeignKey(
        "personas.Segment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="journeys",
        verbose_name=_("segment"),
    )
    personas = models.ManyToManyField(
        "personas.Persona", blank=True, related_name="journeys", verbose_name=_("personas")
    )
    state = models.CharField(
        _("state"), max_length=10, choices=JourneyState.choices, default=JourneyState.CURRENT
    )
    status = models.CharField(
        _("status"), max_length=10, choices=JourneyStatus.choices, default=JourneyStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    copied_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
        verbose_name=_("copied from"),
        help_text=_("The map this one was copied from (a future state keeps its current state)."),
    )

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("journey")
        verbose_name_plural = _("journeys")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=JourneyState.values), name="journey_state_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=JourneyStatus.values), name="journey_status_valid"
            ),
        ]
        indexes = [models.Index(fields=["workspace", "status"])]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.segment_id and self.workspace_id and self.segment.workspace_id != self.workspace_id:
            raise ValidationError({"segment": _("The segment belongs to another workspace.")})


class Stage(VersionedModel):
    journey = models.ForeignKey(
        Journey, on_delete=models.CASCADE, related_name="stages", verbose_name=_("journey")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveIntegerField(_("position"))
    # Alternative stages (branches, e.g. courier vs pick-up) share one step; reaching any of them
    # reaches the step. Steps are ordered by their stages' positions; the number only groups.
    # None on a new stage: ``save`` gives it the next free step of its journey.
    step = models.PositiveIntegerField(_("step"), blank=True)
    is_optional = models.BooleanField(
        _("optional"),
        default=False,
        help_text=_("Customers may skip this step and still go on to the next ones."),
    )
    copied_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
        verbose_name=_("copied from"),
    )
    moment_of_truth = models.CharField(
        _("moment of truth"), max_length=4, choices=MomentOfTruth.choices, blank=True, default=""
    )
    purchase_phase = models.CharField(
        _("purchase phase"), max_length=6, choices=PurchasePhase.choices, blank=True, default=""
    )

    class Meta:
        ordering = ["journey_id", "position"]
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        indexes = [models.Index(fields=["journey", "step"], name="stage_journey_step")]
        constraints = [
            models.UniqueConstraint(fields=["journey", "position"], name="stage_unique_position"),
            models.CheckConstraint(
                condition=models.Q(moment_of_truth__in=MomentOfTruth.values),
                name="stage_moment_of_truth_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(purchase_phase__in=PurchasePhase.values),
                name="stage_purchase_phase_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if self.step is None:
            self.step = next_free_step(self.journey_id)
        super().save(*args, **kwargs)


def next_free_step(journey_id: int) -> int:
    """One more than the journey's highest step (0 for its first stage)."""
    top = Stage.objects.filter(journey_id=journey_id).aggregate(top=models.Max("step"))["top"]
    return 0 if top is None else top + 1


class Lane(VersionedModel):
    journey = models.ForeignKey(
        Journey, on_delete=models.CASCADE, related_name="lanes", verbose_name=_("journey")
    )
    kind = models.CharField(_("kind"), max_length=15, choices=LaneKind.choices)
    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveIntegerField(_("position"))
    is_hidden = models.BooleanField(_("hidden"), default=False)

    class Meta:
        ordering = ["journey_id", "position"]
        verbose_name = _("lane")
        verbose_name_plural = _("lanes")
        constraints = [
            models.UniqueConstraint(fields=["journey", "position"], name="lane_unique_position"),
            # Each standard lane exists at most once per map; custom lanes are free.
            models.UniqueConstraint(
                fields=["journey", "kind"],
                condition=~models.Q(kind=LaneKind.CUSTOM),
                name="lane_unique_standard_kind",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=LaneKind.values), name="lane_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        """The name in the reader's language while the lane keeps its default name."""
        return lane_display_name(self.kind, self.name)


class LaneCell(VersionedModel):
    """The content of one lane at one stage: text, and for the emotions lane a score."""

    lane = models.ForeignKey(
        Lane, on_delete=models.CASCADE, related_name="cells", verbose_name=_("lane")
    )
    stage = models.ForeignKey(
        Stage, on_delete=models.CASCADE, related_name="cells", verbose_name=_("stage")
    )
    text = models.TextField(_("text"), blank=True)
    emotion_score = models.SmallIntegerField(
        _("emotion score"),
        null=True,
        blank=True,
        validators=[MinValueValidator(EMOTION_MIN), MaxValueValidator(EMOTION_MAX)],
    )

    class Meta:
        ordering = ["lane_id", "stage__position"]
        verbose_name = _("lane cell")
        verbose_name_plural = _("lane cells")
        constraints = [
            models.UniqueConstraint(fields=["lane", "stage"], name="lanecell_unique_lane_stage"),
            models.CheckConstraint(
                condition=models.Q(emotion_score__isnull=True)
                | models.Q(emotion_score__gte=EMOTION_MIN, emotion_score__lte=EMOTION_MAX),
                name="lanecell_emotion_score_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.lane} / {self.stage}"

    def clean(self) -> None:
        if self.lane_id and self.stage_id and self.lane.journey_id != self.stage.journey_id:
            raise ValidationError({"stage": _("The stage belongs to another journey.")})
        if self.emotion_score is not None and self.lane_id and self.lane.kind != LaneKind.EMOTIONS:
            raise ValidationError(
                {"emotion_score": _("Only the emotions lane carries an emotion score.")}
            )
