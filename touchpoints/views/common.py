"""Pieces shared by the touchpoint endpoints of the map editor (cards, drawer, actions)."""

from django.http import HttpRequest

from cjm.map.grid import decorate_touchpoint
from touchpoints.choices import Rating
from touchpoints.selectors import rating_counts, touchpoint_list

RATING_CHOICES = [
    (rating.value, rating.label)
    for rating in (Rating.EXCELLENT, Rating.SO_SO, Rating.AWFUL, Rating.UNRATED)
]


def card_for(request: HttpRequest, touchpoint_id: int):
    """One touchpoint as its card on the map shows it (open actions, overdue flag, owner)."""
    card = touchpoint_list(user=request.user).filter(pk=touchpoint_id).first()
    if card is not None:
        decorate_touchpoint(card)
    return card


def journey_ratings(request: HttpRequest, journey_id: int) -> dict:
    """The counts per rating of one map, for the header's counters (swapped out of band)."""
    from cjm.views.pages import rating_summary

    qs = touchpoint_list(user=request.user).filter(stage__journey_id=journey_id)
    return rating_summary(rating_counts(qs))
