"""Feedback on the map: a badge on touchpoint cards and a panel in the touchpoint drawer."""

from django import template

from cjm.core.permissions import has_role
from cjm.core.roles import Role
from feedback.selectors.evidence import touchpoint_feedback

register = template.Library()


@register.inclusion_tag("feedback/partials/_card_badge.html")
def feedback_badge(touchpoint):
    """The card badge: the feedback index (0-100) with its evidence count, and a mark when the
    suggested rating differs from the rating set by hand. Only where the map attached it."""
    item = getattr(touchpoint, "feedback", None)
    return {
        "item": item,
        "differs": bool(
            item and item.suggested_rating and item.suggested_rating != touchpoint.rating
        ),
    }


@register.inclusion_tag("feedback/partials/_drawer_feedback.html", takes_context=True)
def feedback_panel(context, touchpoint):
    """The drawer section: NPS / CSAT / CES with answer counts, the review score and the
    suggested rating with one-click apply for editors (never applied silently)."""
    request = context["request"]
    workspace_id = touchpoint.stage.journey.workspace_id
    item = touchpoint_feedback(workspace_id=workspace_id, touchpoint_ids=[touchpoint.pk]).get(
        touchpoint.pk
    )
    return {
        "request": request,
        "touchpoint": touchpoint,
        "workspace_id": workspace_id,
        "item": item,
        "can_apply": bool(
            item
            and item.suggested_rating
            and item.suggested_rating != touchpoint.rating
            and has_role(request.user, workspace_id, Role.EDITOR)
        ),
        "csrf_token": context.get("csrf_token"),
    }
