"""Touchpoints on a map, their channels, ratings history, improvement actions and comments."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cjm.core.models import TimeStampedModel, VersionedModel
from touchpoints.choices import (
    IMPORTANCE_MAX,
    IMPORTANCE_MIN,
    OPEN_ACTION_STATUSES,
    ActionStatus,
    ChannelKind,
    ChannelMedium,
    CustomerReaction,
    Rating,
    TouchpointCategory,
)


class Channel(TimeStampedModel):
    workspace = models.ForeignKey(
        "cjm.Workspace",
        on_delete=models.CASCADE,
        related_name="channels",
        verbose_name=_("workspace"),
    )
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("online or offline"), max_length=7, choices=ChannelKind.choices)
    medium = models.CharField(
        _("medium"), max_length=15, choices=ChannelMedium.choices, default=ChannelMedium.OTHER
    )

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("channel")
        verbose_name_plural = _("channels")
        constraints = [
            models.UniqueConstraint(fields=["workspace", "name"], name="channel_unique_name"),
            models.CheckConstraint(
                condition=models.Q(kind__in=ChannelKind.values), name="channel_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(medium__in=ChannelMedium.values), name="channel_medium_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Touchpoint(VersionedModel):
    stage = models.ForeignKey(
        "cjm.Stage", on_delete=models.CASCADE, related_name="touchpoints", verbose_name=_("stage")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    channel = models.ForeignKey(
        Channel,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="touchpoints",
        verbose_name=_("channel"),
    )
    category = models.CharField(
        _("category"),
        max_length=10,
        choices=TouchpointCategory.choices,
        default=TouchpointCategory.SERVICE,
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_touchpoints",
        verbose_name=_("owner"),
    )
    team = models.ForeignKey(
        "cjm.Team",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="touchpoints",
        verbose_name=_("owner team"),
    )
    rating = models.CharField(
        _("rating"), max_length=10, choices=Rating.choices, default=Rating.UNRATED
    )
    importance = models.PositiveSmallIntegerField(
        _("importance"),
        default=5,
        validators=[MinValueValidator(IMPORTANCE_MIN), MaxValueValidator(IMPORTANCE_MAX)],
        help_text=_("1 (minor) to 10 (decides whether the customer stays)."),
    )
    is_critical = models.BooleanField(
        _("critical"),
        default=False,
        help_text=_("Customers stop, doubt or leave for a competitor here."),
    )
    customer_reaction = models.CharField(
        _("customer reaction"),
        max_length=8,
        choices=CustomerReaction.choices,
        blank=True,
        default=CustomerReaction.UNKNOWN,
    )
    position = models.PositiveIntegerField(_("position"))
    copied_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
        verbose_name=_("copied from"),
        help_text=_("The touchpoint of the map this one's map was copied from."),
    )

    class Meta:
        ordering = ["stage_id", "position"]
        verbose_name = _("touchpoint")
        verbose_name_plural = _("touchpoints")
        constraints = [
            models.UniqueConstraint(
                fields=["stage", "position"], name="touchpoint_unique_position"
            ),
            models.CheckConstraint(
                condition=models.Q(rating__in=Rating.values), name="touchpoint_rating_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(importance__gte=IMPORTANCE_MIN, importance__lte=IMPORTANCE_MAX),
                name="touchpoint_importance_range",
            ),
            models.CheckConstraint(
                condition=models.Q(category__in=TouchpointCategory.values),
                name="touchpoint_category_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(customer_reaction__in=CustomerReaction.values),
                name="touchpoint_reaction_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["owner"]),
            models.Index(fields=["rating"]),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if not self.stage_id:
            return
        workspace = self.stage.journey.workspace
        errors = {}
        if self.channel_id and self.channel.workspace_id != workspace.pk:
            errors["channel"] = _("The channel belongs to another workspace.")
        if self.team_id and self.team.workspace_id != workspace.pk:
            errors["team"] = _("The team belongs to another workspace.")
        if self.owner_id and not workspace.memberships.filter(user_id=self.owner_id).exists():
            errors["owner"] = _("The owner is not a member of this workspace.")
        if errors:
            raise ValidationError(errors)


class RatingChange(models.Model):
    """One change of a touchpoint's rating: who, when, from, to."""

    touchpoint = models.ForeignKey(
        Touchpoint,
        on_delete=models.CASCADE,
        related_name="rating_changes",
        verbose_name=_("touchpoint"),
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    from_rating = models.CharField(_("from"), max_length=10, choices=Rating.choices)
    to_rating = models.CharField(_("to"), max_length=10, choices=Rating.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("rating change")
        verbose_name_plural = _("rating changes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(from_rating__in=Rating.values, to_rating__in=Rating.values)
                & ~models.Q(from_rating=models.F("to_rating")),
                name="ratingchange_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.touchpoint}: {self.from_rating} -> {self.to_rating}"


class ImprovementAction(VersionedModel):
    """What will be done better at a touchpoint, by whom and by when (seed 000, question 4)."""

    touchpoint = models.ForeignKey(
        Touchpoint, on_delete=models.CASCADE, related_name="actions", verbose_name=_("touchpoint")
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_actions",
        verbose_name=_("assignee"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    done_at = models.DateTimeField(_("done at"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    last_reminded_on = models.DateField(
        _("last reminder sent on"), null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("improvement action")
        verbose_name_plural = _("improvement actions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ActionStatus.values), name="action_status_valid"
            ),
            # done_at is set exactly when the action is done.
            models.CheckConstraint(
                condition=(models.Q(status=ActionStatus.DONE) & models.Q(done_at__isnull=False))
                | (~models.Q(status=ActionStatus.DONE) & models.Q(done_at__isnull=True)),
                name="action_done_at_matches_status",
            ),
        ]
        indexes = [
            models.Index(fields=["assignee", "status"]),
            models.Index(fields=["status", "due_date"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ACTION_STATUSES

    @property
    def is_overdue(self) -> bool:
        return bool(self.is_open and self.due_date and self.due_date < timezone.localdate())

    def clean(self) -> None:
        if not (self.touchpoint_id and self.assignee_id):
            return
        workspace_id = self.touchpoint.stage.journey.workspace_id
        if not self.assignee.memberships.filter(workspace_id=workspace_id).exists():
            raise ValidationError(
                {"assignee": _("The assignee is not a member of this workspace.")}
            )


class Comment(TimeStampedModel):
    """Discussion on a touchpoint or on a stage (exactly one of the two)."""

    touchpoint = models.ForeignKey(
        Touchpoint,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("touchpoint"),
    )
    stage = models.ForeignKey(
        "cjm.Stage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("stage"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("author"),
    )
    body = models.TextField(_("comment"), max_length=5000)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(touchpoint__isnull=False) & models.Q(stage__isnull=True))
                | (models.Q(touchpoint__isnull=True) & models.Q(stage__isnull=False)),
                name="comment_on_touchpoint_or_stage",
            ),
        ]

    def __str__(self) -> str:
        return self.body[:60]
