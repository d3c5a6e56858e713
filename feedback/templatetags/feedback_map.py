"""Feedback on the map: a badge on touchpoint cards and a panel in the touchpoint drawer."""

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cjm.core.permissions import has_role
from cjm.core.roles import Role
from feedback.choices import SurveyKind
from feedback.selectors.evidence import touchpoint_feedback
from touchpoints.choices import Rating

register = template.Library()


@register.inclusion_tag("feedback/partials/_card_badge.html")
def feedback_badge(touchpoint):
    """The card badge: the headline figure a reader knows (NPS, else CSAT, CES, the review
    score, else the feedback index), a dot in the colour of the suggested rating when it differs
    from the rating set by hand, and a tooltip that says what the figure is built from."""
    item = getattr(touchpoint, "feedback", None)
    if not item:
        return {"item": None}
    differs = bool(item.suggested_rating and item.suggested_rating != touchpoint.rating)
    return {
        "item": item,
        "differs": differs,
        "label": badge_label(item),
        "title": badge_title(item, differs=differs),
    }


def badge_label(item) -> str:
    if item.nps is not None:
        return f"NPS {item.nps:.0f}".replace("-", "\u2212")
    if item.csat is not None:
        return f"CSAT {item.csat:.0f}%"
    if item.ces is not None:
        return f"CES {item.ces:.1f}"
    if item.review_score is not None:
        return f"\u2605 {item.review_score:.1f}"
    if item.index is not None:
        return f"{item.index:.0f}/100"
    return "\u2014"


def badge_title(item, *, differs: bool) -> str:
    parts = []
    if item.nps is not None:
        count = item.answers_of(SurveyKind.NPS)
        parts.append(
            ngettext(
                "NPS %(value)s from %(count)s survey answer (promoters minus detractors, "
                "from -100 to 100)",
                "NPS %(value)s from %(count)s survey answers (promoters minus detractors, "
                "from -100 to 100)",
                count,
            )
            % {"value": f"{item.nps:.0f}", "count": count}
        )
    if item.csat is not None:
        count = item.answers_of(SurveyKind.CSAT)
        parts.append(
            ngettext(
                "CSAT %(value)s%% satisfied, from %(count)s survey answer",
                "CSAT %(value)s%% satisfied, from %(count)s survey answers",
                count,
            )
            % {"value": f"{item.csat:.0f}", "count": count}
        )
    if item.ces is not None:
        count = item.answers_of(SurveyKind.CES)
        parts.append(
            ngettext(
                "Customer effort (CES) %(value)s from %(count)s survey answer",
                "Customer effort (CES) %(value)s from %(count)s survey answers",
                count,
            )
            % {"value": f"{item.ces:.1f}", "count": count}
        )
    if item.review_score is not None:
        parts.append(
            ngettext(
                "Reviews: %(value)s of 5 from %(count)s review",
                "Reviews: %(value)s of 5 from %(count)s reviews",
                item.reviews,
            )
            % {"value": f"{item.review_score:.1f}", "count": item.reviews}
        )
    if item.index is not None:
        parts.append(
            ngettext(
                "Feedback index %(index)s of 100 from %(count)s answer or review",
                "Feedback index %(index)s of 100 from %(count)s answers and reviews",
                item.evidence,
            )
            % {"index": f"{item.index:.0f}", "count": item.evidence}
        )
    if item.suggested_rating:
        label = Rating(item.suggested_rating).label
        if differs:
            parts.append(_("Feedback suggests another rating: %(rating)s") % {"rating": label})
        else:
            parts.append(_("Feedback agrees with the rating: %(rating)s") % {"rating": label})
    return " · ".join(parts)


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
