"""Who is told what: listeners on the other slices' writes, each ending in ``services.notify``.

- Recorded changes (``cjm.core.changes``, after commit): an action created for / reassigned to
  someone (``action_assigned``), a touchpoint rated awful (``touchpoint_rated_awful``, to its
  owner and its team's members), a comment naming ``@username`` (``mentioned``, members of the
  workspace only).
- ``feedback.facade.feedback_received``: negative answers and reviews on a touchpoint
  (``negative_feedback`` to its owner, at most one per touchpoint and day).
- ``cjm.accounts.signals.invitation_accepted``: ``invitation_accepted`` to the inviter.
- The reminder job (``reminders.py``): ``action_due_soon``, ``action_overdue``.

After-commit listeners log their errors rather than raise: the write has already happened.
"""

import logging
import re

from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from cjm.accounts.signals import invitation_accepted
from cjm.core import changes
from cjm.core.tenancy import Team
from cjm.notifications.kinds import Kind
from cjm.notifications.selectors import members_by_username
from cjm.notifications.services import notify
from feedback.facade import feedback_received
from touchpoints.models import Comment, ImprovementAction, Touchpoint

logger = logging.getLogger(__name__)

# An @ not preceded by a word character (so e-mail addresses are not mentions), then a username.
MENTION = re.compile(r"(?<![\w@])@([\w.+-]+[\w+-]|[\w])")


def touchpoint_url(touchpoint) -> str:
    url = reverse("cjm:journey_detail", kwargs={"journey_id": touchpoint.stage.journey_id})
    return f"{url}?touchpoint={touchpoint.pk}"


def mentioned_usernames(text: str) -> set[str]:
    return {match.group(1) for match in MENTION.finditer(text or "")}


def _new(change, name):
    value = change.fields.get(name)
    return value.get("new") if isinstance(value, dict) else None


def _old(change, name):
    value = change.fields.get(name)
    return value.get("old") if isinstance(value, dict) else None


def on_action(change) -> None:
    if change.verb not in (changes.CREATED, changes.UPDATED) or "assignee" not in change.fields:
        return
    assignee_id = _new(change, "assignee")
    if assignee_id is None or assignee_id == _old(change, "assignee"):
        return
    action = (
        ImprovementAction.objects.select_related("touchpoint__stage__journey")
        .filter(pk=change.object_id)
        .first()
    )
    if action is None:
        return
    notify(
        recipients=[assignee_id],
        kind=Kind.ACTION_ASSIGNED,
        actor=change.actor,
        workspace_id=change.workspace_id,
        params={
            "title": action.title,
            "touchpoint": action.touchpoint.name,
            "due_date": action.due_date.isoformat() if action.due_date else "",
        },
        url=touchpoint_url(action.touchpoint),
        object_type="action",
        object_id=action.pk,
    )


def on_touchpoint(change) -> None:
    if _new(change, "rating") != "awful" or _old(change, "rating") == "awful":
        return
    touchpoint = (
        Touchpoint.objects.select_related("stage__journey").filter(pk=change.object_id).first()
    )
    if touchpoint is None:
        return
    recipients = set()
    if touchpoint.owner_id:
        recipients.add(touchpoint.owner_id)
    if touchpoint.team_id:
        recipients |= set(
            Team.objects.filter(pk=touchpoint.team_id).values_list("members", flat=True)
        )
    recipients.discard(None)
    notify(
        recipients=recipients,
        kind=Kind.TOUCHPOINT_RATED_AWFUL,
        actor=change.actor,
        workspace_id=change.workspace_id,
        params={"touchpoint": touchpoint.name},
        url=touchpoint_url(touchpoint),
        object_type="touchpoint",
        object_id=touchpoint.pk,
        dedupe=f"awful:touchpoint:{touchpoint.pk}:{change.at.isoformat()}",
    )


def on_comment(change) -> None:
    if change.verb != changes.CREATED:
        return
    usernames = mentioned_usernames(_new(change, "body") or "")
    if not usernames or change.workspace_id is None:
        return
    recipients = members_by_username(workspace_id=change.workspace_id, usernames=usernames)
    if not recipients:
        return
    comment = (
        Comment.objects.select_related("touchpoint__stage", "stage")
        .filter(pk=change.object_id)
        .first()
    )
    if comment is None:
        return
    if comment.touchpoint is not None:
        target, url = comment.touchpoint.name, touchpoint_url(comment.touchpoint)
    else:
        target = comment.stage.name
        url = reverse("cjm:journey_detail", kwargs={"journey_id": comment.stage.journey_id})
    notify(
        recipients=recipients,
        kind=Kind.MENTIONED,
        actor=change.actor,
        workspace_id=change.workspace_id,
        params={"target": target, "excerpt": comment.body[:200]},
        url=url,
        object_type="comment",
        object_id=comment.pk,
        dedupe=f"mentioned:comment:{comment.pk}",
    )


ON_CHANGE = {"action": on_action, "touchpoint": on_touchpoint, "comment": on_comment}


def on_change(change) -> None:
    """After commit, for every recorded change."""
    handler = ON_CHANGE.get(change.object_type)
    if handler is not None:
        handler(change)


def on_feedback(sender, items, **kwargs) -> None:
    """Negative answers and reviews: the touchpoint's owner hears of it, once a day each."""
    negative = [item for item in items if item.negative]
    if not negative:
        return
    touchpoints = Touchpoint.objects.select_related("stage__journey").in_bulk(
        {item.touchpoint_id for item in negative}
    )
    today = timezone.localdate().isoformat()
    first_per_touchpoint = {}
    for item in negative:  # a bulk import: one notification per touchpoint, not per answer
        first_per_touchpoint.setdefault(item.touchpoint_id, item)
    for item in first_per_touchpoint.values():
        touchpoint = touchpoints.get(item.touchpoint_id)
        if touchpoint is None or not touchpoint.owner_id:
            continue
        label = item.kind.upper() if item.kind != "review" else "review"
        summary = f"{label} {item.score}" if item.score is not None else label
        if item.text:
            summary = f"{summary} «{item.text[:120]}»"
        notify(
            recipients=[touchpoint.owner_id],
            kind=Kind.NEGATIVE_FEEDBACK,
            workspace_id=item.workspace_id,
            params={"touchpoint": touchpoint.name, "summary": summary},
            url=touchpoint_url(touchpoint),
            object_type="touchpoint",
            object_id=touchpoint.pk,
            dedupe=f"negative_feedback:touchpoint:{touchpoint.pk}:{today}",
        )


def on_invitation_accepted(sender, invitation=None, user=None, workspace=None, inviter=None, **kw):
    if inviter is None or user is None or workspace is None:
        return
    notify(
        recipients=[inviter],
        kind=Kind.INVITATION_ACCEPTED,
        actor=user,
        workspace_id=workspace.pk,
        params={"workspace": workspace.name, "email": getattr(invitation, "email", "")},
        url=reverse("cjm:workspace_detail", kwargs={"workspace_id": workspace.pk}),
        object_type="invitation",
        object_id=getattr(invitation, "pk", None),
        dedupe=f"invitation_accepted:{getattr(invitation, 'pk', '')}:{user.pk}",
    )


def _logged(listener):
    def run(*args, **kwargs):
        try:
            listener(*args, **kwargs)
        except Exception:
            logger.exception("notification listener %s failed", listener.__name__)

    run.__name__ = listener.__name__
    return run


_on_change = _logged(on_change)
_on_feedback = _logged(on_feedback)
_on_invitation_accepted = _logged(on_invitation_accepted)


def connect() -> None:
    changes.subscribe(_on_change, phase=changes.ON_COMMIT)
    feedback_received.connect(_on_feedback, dispatch_uid="cjm.notifications.feedback")
    invitation_accepted.connect(
        _on_invitation_accepted, dispatch_uid="cjm.notifications.invitation_accepted"
    )


__all__ = ["User", "connect", "mentioned_usernames"]
