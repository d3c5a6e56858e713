"""Where events come from: recorded changes (``cjm.core.changes``, after commit) and the
feedback slice's ``negative_feedback`` signal. Each fires once per change, whatever the door
(page, API, admin, task). ``action.overdue`` comes from the beat task (tasks.py)."""

from cjm.core import changes
from cjm.webhooks.models import Event
from cjm.webhooks.services import event_emit
from feedback.facade import negative_feedback


def _journey(change: changes.Change) -> int | None:
    return change.journey_ids[0] if change.journey_ids else None


def on_change(change: changes.Change) -> None:
    """ON_COMMIT listener: a rating change, a new action, a finished funnel report."""
    if change.workspace_id is None:
        return
    base = {
        "journey": _journey(change),
        "actor": change.actor_id,
        "source": change.source,
        "at": change.at.isoformat(),
    }
    if change.object_type == "touchpoint" and "rating" in change.fields:
        rating = change.fields["rating"]
        if change.verb == changes.CREATED and rating.get("new") in (None, "unrated"):
            return
        if change.verb == changes.DELETED:
            return
        data = {"touchpoint": change.object_id, "name": change.object_repr, "rating": rating}
        event_emit(
            workspace_id=change.workspace_id, event=Event.RATING_CHANGED, data={**data, **base}
        )
    elif change.object_type == "action" and change.verb == changes.CREATED:
        data = {"action": change.object_id, "title": change.object_repr}
        data.update({name: value.get("new") for name, value in change.fields.items()})
        event_emit(
            workspace_id=change.workspace_id, event=Event.ACTION_CREATED, data={**data, **base}
        )
    elif (
        change.object_type == "funnel_report"
        and change.fields.get("status", {}).get("new") == "done"
    ):
        data = {"funnel_report": change.object_id, "name": change.object_repr}
        event_emit(
            workspace_id=change.workspace_id, event=Event.FUNNEL_REPORT_DONE, data={**data, **base}
        )


def on_negative_feedback(sender, *, workspace_id: int, data: dict, **kwargs) -> None:
    event_emit(workspace_id=workspace_id, event=Event.FEEDBACK_NEGATIVE, data=data)


def connect() -> None:
    changes.subscribe(on_change, phase=changes.ON_COMMIT)
    negative_feedback.connect(on_negative_feedback, dispatch_uid="cjm.webhooks.negative")
