"""Target-audience segments and the personas that stand for them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from cjm.core.models import TimeStampedModel, VersionedModel


class Segment(TimeStampedModel):
    workspace = models.ForeignKey(
        "cjm.Workspace",
        on_delete=models.CASCADE,
        related_name="segments",
        verbose_name=_("workspace"),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("segment")
        verbose_name_plural = _("segments")
        constraints = [
            models.UniqueConstraint(fields=["workspace", "name"], name="segment_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Persona(VersionedModel):
    workspace = models.ForeignKey(
        "cjm.Workspace",
        on_delete=models.CASCADE,
        related_name="personas",
        verbose_name=_("workspace"),
    )
    segment = models.ForeignKey(
        Segment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="personas",
        verbose_name=_("segment"),
    )
    name = models.CharField(_("name"), max_length=200)
    role_title = models.CharField(_("role or occupation"), max_length=200, blank=True)
    avatar_url = models.URLField(_("photo URL"), blank=True)
    # Profile facts (seed 000: demographic, geographic, psychographic, socio-economic).
    demographic = models.TextField(_("demographic"), blank=True)
    geographic = models.TextField(_("geographic"), blank=True)
    psychographic = models.TextField(_("psychographic"), blank=True)
    socio_economic = models.TextField(_("socio-economic"), blank=True)
    goals = models.TextField(_("goals"), blank=True)
    needs = models.TextField(_("needs"), blank=True)
    thoughts = models.TextField(_("thoughts"), blank=True)
    emotions = models.TextField(_("emotions"), blank=True)
    fears = models.TextField(_("fears and barriers"), blank=True)
    expectations = models.TextField(_("expectations"), blank=True)
    quote = models.TextField(_("quote"), blank=True)
    preferred_channels = models.ManyToManyField(
        "touchpoints.Channel",
        blank=True,
        related_name="personas",
        verbose_name=_("preferred channels"),
    )

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("persona")
        verbose_name_plural = _("personas")
        constraints = [
            models.UniqueConstraint(fields=["workspace", "name"], name="persona_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.segment_id and self.workspace_id and self.segment.workspace_id != self.workspace_id:
            raise ValidationError({"segment": _("The segment belongs to another workspace.")})
