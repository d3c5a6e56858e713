"""The one cached aggregate of the slice: each done action's latest measured outcome, so that
the register and the map show "worked / did not / too early" without measuring every action on
every page (docs/impact.md). Derived data: written by ``action_outcomes_refresh`` after an action
is marked done (or its done time changes) and nightly; the impact card and the API always
measure afresh."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Outcome(models.TextChoices):
    WORKED = "worked", _("Worked")
    DID_NOT_WORK = "did_not_work", _("Did not work")
    TOO_EARLY = "too_early", _("Too early")
    NOT_MEASURABLE = "not_measurable", _("Not measurable")


class ActionOutcome(models.Model):
    action = models.OneToOneField(
        "touchpoints.ImprovementAction",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="outcome",
        verbose_name=_("action"),
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    done_at = models.DateTimeField(_("done at"))  # the done time measured from
    window_days = models.PositiveSmallIntegerField(_("window (days)"))
    exit_rate_before = models.FloatField(null=True, blank=True)
    exit_rate_after = models.FloatField(null=True, blank=True)
    p_value = models.FloatField(null=True, blank=True)
    measured_at = models.DateTimeField(_("measured at"))

    class Meta:
        verbose_name = _("action outcome")
        verbose_name_plural = _("action outcomes")
        indexes = [models.Index(fields=["outcome"], name="action_outcome_outcome")]

    def __str__(self) -> str:
        return f"{self.action_id}: {self.outcome}"
