"""What the evidence slice does when an action changes: after commit, an action marked done,
given another done time or reopened is measured again (its cached outcome), in a job."""

from cjm.core import changes

from .tasks import action_outcomes_refresh_task

WATCHED = {"status", "done_at"}


def on_change(change: changes.Change) -> None:
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
