"""Touchpoint cards and rating counters: prepared once, the same for every view.

A card is a touchpoint as the map draws it: its owner's name and initials, its rating's label,
its open and overdue actions (annotated by the selectors) and its feedback badge (recent
feedback and the suggested rating, from ``feedback.facade``). The map page, a stage's cell
after an edit, a card after a quick rating and the drawer's card all come from
``prepare_cards``, so a card never loses its badge when it is redrawn alone.
"""

from collections.abc import Iterable

from cjm.core.display import display_name, initials
from cjm.evidence.outcomes import attach_outcomes
from feedback.facade import attach_feedback
from touchpoints.choices import RATINGS_IN_ORDER, Rating
from touchpoints.models import Touchpoint
from touchpoints.selectors import rating_counts, touchpoint_list


def decorate(touchpoint: Touchpoint) -> Touchpoint:
    """What a card shows beside the row itself (no query)."""
    touchpoint.owner_initials = initials(touchpoint.owner)
    touchpoint.owner_name = display_name(touchpoint.owner)
    touchpoint.rating_label = Rating(touchpoint.rating).label
    return touchpoint


def prepare_cards(
    touchpoints: Iterable[Touchpoint], *, workspace_id: int, feedback: dict | None = None
) -> list[Touchpoint]:
    """Cards of one workspace's touchpoints, feedback and done actions' outcomes included: a
    constant number of queries (four), whatever their number; one when ``feedback`` (what
    ``touchpoint_feedback`` answered for them) is given."""
    cards = [decorate(touchpoint) for touchpoint in touchpoints]
    if cards:
        attach_feedback(workspace_id=workspace_id, touchpoints=cards, found=feedback)
        attach_outcomes(cards)
    return cards


def touchpoint_cards(*, user, stage_id: int) -> list[Touchpoint]:
    """The cards of one stage, in map order."""
    touchpoints = list(touchpoint_list(user=user).filter(stage_id=stage_id).order_by("position"))
    if not touchpoints:
        return []
    return prepare_cards(touchpoints, workspace_id=touchpoints[0].stage.journey.workspace_id)


def touchpoint_card(*, user, pk: int) -> Touchpoint | None:
    """One card (None when the user may not see the touchpoint)."""
    touchpoint = touchpoint_list(user=user).filter(pk=pk).first()
    if touchpoint is None:
        return None
    return prepare_cards([touchpoint], workspace_id=touchpoint.stage.journey.workspace_id)[0]


def rating_summary(counts: dict[str, int]) -> dict:
    """Counts per rating in display order, with the share of the total for the bar."""
    total = sum(counts.values())
    items = [
        {
            "value": rating.value,
            "label": rating.label,
            "count": counts.get(rating.value, 0),
            "percent": round(100 * counts.get(rating.value, 0) / total, 1) if total else 0,
        }
        for rating in RATINGS_IN_ORDER
    ]
    return {"items": items, "total": total}


def journey_rating_summary(*, user, journey_id: int) -> dict:
    """The counters per rating of one map (the header's, redrawn out of band after an edit)."""
    touchpoints = touchpoint_list(user=user).filter(stage__journey_id=journey_id)
    return rating_summary(rating_counts(touchpoints))
