"""The shared map's context: the map drawing of ``cjm.map`` (grid, cards) in read-only mode,
with people shown by name only (never a username, which may be an e-mail address) and no
feedback badges (they come from customers' answers)."""

from cjm.core.display import person_initials, person_name
from cjm.funnels.facade import stage_metrics_latest
from cjm.map.cards import prepare_cards, rating_summary
from cjm.map.grid import build_map_grid, emotion_levels
from touchpoints.choices import RATING_CHOICES


def hide_people(card) -> None:
    """A card's owner by first and last name; an owner without a name is not shown (the card
    shows the team, if any)."""
    owner = card.owner
    name = person_name(owner.first_name, owner.last_name, "") if owner else ""
    if not name:
        card.owner = None
        card.owner_name = card.owner_initials = ""
        return
    card.owner_name = name
    card.owner_initials = person_initials(owner.first_name, owner.last_name, "")


def shared_map_context(journey) -> dict:
    """What the shared map draws: the grid (stages, lanes, cards with ratings, emotion curve,
    metrics lane) and the counters per rating; ``can_edit`` is False, ``shared`` True."""
    stage_metrics = stage_metrics_latest(journey=journey)
    grid = build_map_grid(journey, stage_metrics)
    cards = prepare_cards(
        [tp for stage in grid.stages for tp in stage.touchpoints.all()],
        workspace_id=journey.workspace_id,
        feedback={},
    )
    counts = {value: 0 for value, _label in RATING_CHOICES}
    for card in cards:
        hide_people(card)
        counts[card.rating] += 1
    return {
        "journey": journey,
        "grid": grid,
        "ratings": rating_summary(counts),
        "can_edit": False,
        "shared": True,
        "stage_metrics": stage_metrics,
        "emotion_levels": emotion_levels(),
        "rating_choices": RATING_CHOICES,
    }
