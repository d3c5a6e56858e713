"""What the evidence slice does when an action or a map's funnel layout changes: after commit,
an action marked done, given another done time or reopened is measured again (its cached
outcome), in a job; so are the done actions of a map whose stages were added, removed, moved or
regrouped into steps (branches, optional steps), since the funnel they are counted by changed."""

from cjm.core import changes
from touchpoints.choices import ActionStatus
from touchpoints.models import ImprovementAction

from .tasks import action_outcomes_refresh_task

WATCHED = {"status", "done_at"}
LAYOUT = {"step", "is_optional", "position"}  # a stage's fields that change the funnel


def on_stage_change(change: changes.Change) -> None:
    if not change.journey_ids:
        return
    if change.verb == changes.UPDATED and not LAYOUT & set(change.fields):
        return
    action_ids = list(
        ImprovementAction.objects.filter(
            status=ActionStatus.DONE, touchpoint__stage__journey_id__in=change.journey_ids
        ).values_list("pk", flat=True)
    )
    if action_ids:
        action_outcomes_refresh_task.delay(action_ids)


def on_change(change: changes.Change) -> None:
    if change.object_type == "stage":
        on_stage_change(change)
        return
    if change.object_type != "action" or change.object_id is None:
        return
    if change.verb == changes.DELETED or not WATCHED & set(change.fields):
        return
    status = change.fields.get("status", {})
    if "done" not in (status.get("old"), status.get("new")) and "done_at" not in change.fields:
        return
    action_outcomes_refresh_task.delay([change.object_id])


def connect() -> None:
    changes.subscribe(on_change, phase=changes.ON_COMMIT)
