"""Writes of the per-workspace feedback settings."""

from django.db import transaction

from cjm.core.permissions import require_role
from cjm.core.roles import Role
from cjm.core.typing import Actor
from feedback.models import FeedbackSettings

SETTINGS_FIELDS = {
    "fatigue_days",
    "suggest_window_days",
    "suggest_min_answers",
    "suggest_excellent_from",
    "suggest_awful_below",
    "weight_anonymous",
    "weight_identified",
    "weight_verified_identity",
    "weight_verified_purchase",
}


def feedback_settings_lock(workspace_id: int) -> FeedbackSettings:
    """The workspace's settings row, created with defaults on first use, locked for the rest of
    the transaction (it also serialises fatigue checks of one workspace)."""
    FeedbackSettings.objects.get_or_create(workspace_id=workspace_id)
    return FeedbackSettings.objects.select_for_update().get(workspace_id=workspace_id)


@transaction.atomic
def feedback_settings_update(*, actor: Actor, workspace, **changes) -> FeedbackSettings:
    require_role(actor, workspace.pk, Role.EDITOR)
    unknown = set(changes) - SETTINGS_FIELDS
    if unknown:
        raise TypeError(f"cannot change {sorted(unknown)} of FeedbackSettings")
    settings = feedback_settings_lock(workspace.pk)
    for field, value in changes.items():
        setattr(settings, field, value)
    settings.full_clean()
    settings.save()
    return settings
