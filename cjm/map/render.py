"""Drawing the map: the context of the map page and of every partial that redraws its grid,
and the answer that redraws the grid after an edit (the journeys' editor views and the
touchpoints' card and drawer views all answer with it)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse

from cjm.core.permissions import has_role
from cjm.core.roles import Role
from cjm.funnels.facade import stage_metrics_latest
from cjm.selectors import journey_map_get
from touchpoints.choices import RATING_CHOICES

from .cards import prepare_cards, rating_summary
from .grid import build_map_grid, emotion_levels

GRID = "cjm/partials/_map_grid.html"
GRID_OOB = "cjm/partials/_map_grid_oob.html"


def journey_url(journey_id: int) -> str:
    return reverse("cjm:journey_detail", kwargs={"journey_id": journey_id})


def map_context(
    request: HttpRequest, journey, stage_metrics: dict | None = None, feedback: dict | None = None
) -> dict:
    """What the map page and every partial re-render of the grid need: the grid, its cards
    (feedback badges included: three queries, whatever the map's size; none when ``feedback``,
    the journey's ``touchpoint_feedback``, is given), the counters per rating and the metrics
    lane."""
    # Funnel results per stage (stage id -> entered, converted, drop_off_rate, is_worst) for the
    # metrics lane; read here too when a partial answer draws the grid again after an edit.
    if stage_metrics is None:
        stage_metrics = stage_metrics_latest(journey=journey)
    grid = build_map_grid(journey, stage_metrics)
    cards = prepare_cards(
        [tp for stage in grid.stages for tp in stage.touchpoints.all()],
        workspace_id=journey.workspace_id,
        feedback=feedback,
    )
    counts = {value: 0 for value, _label in RATING_CHOICES}
    for card in cards:
        counts[card.rating] += 1
    return {
        "journey": journey,
        "workspace": journey.workspace,
        "personas": list(journey.personas.all()),
        "grid": grid,
        "ratings": rating_summary(counts),
        "can_edit": has_role(request.user, journey.workspace_id, Role.EDITOR),
        "stage_metrics": stage_metrics,
        "emotion_levels": emotion_levels(),
        "rating_choices": RATING_CHOICES,
    }


def grid_response(request: HttpRequest, journey_id: int, status: int = 200) -> HttpResponse:
    """The whole grid again (after a write that changes its shape), or the map page without
    htmx. The header's rating counts follow out of band."""
    if not request.htmx:
        return redirect(journey_url(journey_id))
    journey = journey_map_get(user=request.user, pk=journey_id)
    context = {**map_context(request, journey), "oob_stats": True}
    return render(request, GRID, context, status=status)


def grid_oob(request: HttpRequest, journey_id: int) -> str:
    """The whole grid and the header's rating counts as out-of-band swaps, for an answer whose
    target is elsewhere (the drawer after a save): every lane that shows touchpoint data (the
    card, the channels lane, the counters) is drawn again with it."""
    journey = journey_map_get(user=request.user, pk=journey_id)
    return render_to_string(GRID_OOB, map_context(request, journey), request=request)
