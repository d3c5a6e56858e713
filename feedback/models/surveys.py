"""Surveys (NPS / CSAT / CES, seeds 002 and 004) and per-customer invitations to answer them."""

import secrets

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cjm.core.models import TimeStampedModel
from feedback.choices import SCALES, Language, SurveyKind, SurveyScope

INVITATION_SALT = "feedback.invitation"


def new_public_token() -> str:
    return secrets.token_urlsafe(16)


class Survey(TimeStampedModel):
    workspace = models.ForeignKey(
        "cjm.Workspace",
        on_delete=models.CASCADE,
        related_name="surveys",
        verbose_name=_("workspace"),
    )
    name = models.CharField(_("name"), max_length=200, help_text=_("Seen by your team only."))
    kind = models.CharField(_("kind"), max_length=4, choices=SurveyKind.choices)
    scope = models.CharField(
        _("scope"), max_length=13, choices=SurveyScope.choices, default=SurveyScope.TRANSACTIONAL
    )
    journey = models.ForeignKey(
        "cjm.Journey",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="surveys",
        verbose_name=_("journey"),
    )
    stage = models.ForeignKey(
        "cjm.Stage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="surveys",
        verbose_name=_("stage"),
    )
    touchpoint = models.ForeignKey(
        "touchpoints.Touchpoint",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="surveys",
        verbose_name=_("touchpoint"),
    )
    channel = models.ForeignKey(
        "touchpoints.Channel",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="surveys",
        verbose_name=_("channel"),
    )
    question_ru = models.CharField(_("question (Russian)"), max_length=300, blank=True)
    question_en = models.CharField(_("question (English)"), max_length=300, blank=True)
    why_question_ru = models.CharField(_("follow-up “why” (Russian)"), max_length=300, blank=True)
    why_question_en = models.CharField(_("follow-up “why” (English)"), max_length=300, blank=True)
    ask_improve = models.BooleanField(_("also ask “what should we improve”"), default=False)
    ask_value = models.BooleanField(_("also ask “what do you value most”"), default=False)
    default_language = models.CharField(
        _("default language"), max_length=2, choices=Language.choices, default=Language.RU
    )
    is_active = models.BooleanField(_("active"), default=True)
    starts_at = models.DateTimeField(_("open from"), null=True, blank=True)
    ends_at = models.DateTimeField(_("open until"), null=True, blank=True)
    public_link_enabled = models.BooleanField(
        _("public link accepts answers"),
        default=True,
        help_text=_("Off: only personal invitation links work."),
    )
    invitation_valid_days = models.PositiveSmallIntegerField(
        _("invitation links valid for (days)"), default=14
    )
    public_token = models.CharField(
        _("public link token"), max_length=32, unique=True, default=new_public_token, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=SurveyKind.values), name="survey_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(scope__in=SurveyScope.values), name="survey_scope_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(starts_at__isnull=True)
                | models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gt=models.F("starts_at")),
                name="survey_period_ordered",
            ),
        ]
        indexes = [models.Index(fields=["workspace", "is_active"])]

    def __str__(self) -> str:
        return self.name

    @property
    def scale(self) -> tuple[int, int]:
        return SCALES[self.kind]

    def question(self, language: str) -> str:
        return (self.question_ru if language == Language.RU else self.question_en) or (
            self.question_en or self.question_ru
        )

    def why_question(self, language: str) -> str:
        return (self.why_question_ru if language == Language.RU else self.why_question_en) or (
            self.why_question_en or self.why_question_ru
        )

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return bool(
            self.is_active
            and (self.starts_at is None or self.starts_at <= now)
            and (self.ends_at is None or now < self.ends_at)
        )

    def clean(self) -> None:
        errors = {}
        workspace_id = self.workspace_id
        if self.touchpoint_id:
            if self.touchpoint.stage.journey.workspace_id != workspace_id:
                errors["touchpoint"] = _("The touchpoint belongs to another workspace.")
            elif self.stage_id and self.stage_id != self.touchpoint.stage_id:
                errors["stage"] = _("The touchpoint is on another stage.")
        if self.stage_id and "stage" not in errors:
            if self.stage.journey.workspace_id != workspace_id:
                errors["stage"] = _("The stage belongs to another workspace.")
            elif self.journey_id and self.journey_id != self.stage.journey_id:
                errors["journey"] = _("The stage is on another journey.")
        if self.journey_id and self.journey.workspace_id != workspace_id:
            errors["journey"] = _("The journey belongs to another workspace.")
        if self.channel_id and self.channel.workspace_id != workspace_id:
            errors["channel"] = _("The channel belongs to another workspace.")
        if self.scope == SurveyScope.RELATIONSHIP and (self.touchpoint_id or self.stage_id):
            errors["scope"] = _(
                "A relationship survey is about the whole brand: leave touchpoint and stage empty."
            )
        if self.scope == SurveyScope.TRANSACTIONAL and not (
            self.touchpoint_id or self.stage_id or self.channel_id
        ):
            errors["touchpoint"] = _(
                "A transactional survey is asked after an interaction: choose a touchpoint, "
                "a stage or a channel."
            )
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The survey must close after it opens.")
        if errors:
            raise ValidationError(errors)


class Invitation(TimeStampedModel):
    """A personal, single-use link to a survey for one customer.

    The link carries a signed token (``django.core.signing``: unguessable without the secret key)
    naming the invitation and its random nonce; ``used_at`` is set by a conditional UPDATE, so
    two simultaneous answers cannot both be stored.
    """

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("survey")
    )
    workspace = models.ForeignKey(
        "cjm.Workspace",
        on_delete=models.CASCADE,
        related_name="survey_invitations",
        verbose_name=_("workspace"),
    )
    # The funnel app's Customer model did not exist when this was written: customers are named
    # by the workspace's external id, the same string events use.
    customer_external_id = models.CharField(_("customer id"), max_length=200)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.RU
    )
    nonce = models.CharField(max_length=32, default=new_public_token, editable=False)
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("answered"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        indexes = [models.Index(fields=["workspace", "customer_external_id", "created_at"])]

    def __str__(self) -> str:
        return f"{self.survey} → {self.customer_external_id}"

    @property
    def token(self) -> str:
        return signing.dumps({"i": self.pk, "n": self.nonce}, salt=INVITATION_SALT, compress=True)

    @staticmethod
    def unsign(token: str) -> tuple[int, str] | None:
        """(invitation id, nonce) from a token, or None if it was not signed by us."""
        try:
            data = signing.loads(token, salt=INVITATION_SALT)
            return int(data["i"]), str(data["n"])
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            return None

    def is_usable(self, now=None) -> bool:
        return self.used_at is None and (now or timezone.now()) < self.expires_at
