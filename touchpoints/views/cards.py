"""Touchpoint cards on the map (htmx): add a touchpoint to a stage, quick rating, move.

``stages/<stage>/touchpoints/`` is the touchpoints cell of one stage (GET) and adds a touchpoint
to it (POST: answers with the cell and the "add" form open again, for the next one);
``.../new/`` is the inline "add" form. ``touchpoints/<id>/rating/`` sets the rating
from the card; ``touchpoints/<id>/move/`` moves the card within or between stages.
"""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cjm.core.editor import editor_view, form_errors_from, invalid, require_editor
from cjm.core.permissions import has_role
from cjm.core.roles import Role
from cjm.map.cards import journey_rating_summary, touchpoint_card, touchpoint_cards
from cjm.map.render import grid_response, journey_url
from cjm.selectors import stage_get, stage_list
from touchpoints.choices import RATING_CHOICES
from touchpoints.forms import RatingForm, TouchpointCreateForm, TouchpointMoveForm
from touchpoints.selectors import touchpoint_get
from touchpoints.services import touchpoint_create, touchpoint_move, touchpoint_update

CELL = "touchpoints/partials/_touchpoints_cell.html"


def cell_context(request: HttpRequest, stage, can_edit: bool, **extra) -> dict:
    return {
        "stage": stage,
        "journey": stage.journey,
        "cell_touchpoints": touchpoint_cards(user=request.user, stage_id=stage.pk),
        "can_edit": can_edit,
        "rating_choices": RATING_CHOICES,
        "stage_count": stage.journey.stages.count(),
        **extra,
    }


@editor_view(["GET", "POST"])
def stage_touchpoints(request: HttpRequest, stage_id: int) -> HttpResponse:
    stage = stage_get(user=request.user, pk=stage_id)
    workspace_id = stage.journey.workspace_id
    if request.method == "GET":
        can_edit = has_role(request.user, workspace_id, Role.EDITOR)
        return render(request, CELL, cell_context(request, stage, can_edit))
    require_editor(request.user, workspace_id)
    form = TouchpointCreateForm(request.POST)
    if form.is_valid():
        try:
            touchpoint_create(actor=request.user, stage=stage, name=form.cleaned_data["name"])
            if not request.htmx:
                return redirect(journey_url(stage.journey_id))
            # The add box stays open, empty, for the next one (Esc closes it).
            context = cell_context(
                request, stage, True, cell_oob_stats=True, new_form=TouchpointCreateForm()
            )
            context["ratings"] = journey_rating_summary(
                user=request.user, journey_id=stage.journey_id
            )
            return render(request, CELL, context)
        except ValidationError as error:
            form_errors_from(form, error)
    return invalid(request, CELL, cell_context(request, stage, True, new_form=form))


@editor_view(["GET"])
def touchpoint_new(request: HttpRequest, stage_id: int) -> HttpResponse:
    """The touchpoints cell of a stage with the inline "add a touchpoint" form open."""
    stage = stage_get(user=request.user, pk=stage_id)
    require_editor(request.user, stage.journey.workspace_id)
    return render(
        request, CELL, cell_context(request, stage, True, new_form=TouchpointCreateForm())
    )


@editor_view(["POST"])
def touchpoint_rating(request: HttpRequest, touchpoint_id: int) -> HttpResponse:
    """The quick rating on the card: answers with the card and the header's counters."""
    touchpoint = touchpoint_get(user=request.user, pk=touchpoint_id)
    journey_id = touchpoint.stage.journey_id
    require_editor(request.user, touchpoint.stage.journey.workspace_id)
    form = RatingForm(request.POST)
    if form.is_valid():
        touchpoint_update(
            actor=request.user,
            touchpoint=touchpoint,
            expected_version=form.cleaned_data["version"],
            rating=form.cleaned_data["rating"],
        )
    elif not request.htmx:
        raise Http404("No such rating.")
    if not request.htmx:
        return redirect(journey_url(journey_id))
    context = {
        "touchpoint": touchpoint_card(user=request.user, pk=touchpoint.pk),
        "can_edit": True,
        "rating_choices": RATING_CHOICES,
        "ratings": journey_rating_summary(user=request.user, journey_id=journey_id),
        "card_oob_stats": True,
    }
    status = 200 if form.is_valid() else 400
    return render(request, "touchpoints/partials/_card.html", context, status=status)


@editor_view(["POST"])
def touchpoint_reorder(request: HttpRequest, touchpoint_id: int) -> HttpResponse:
    """Move a card to ``position`` in its stage or in ``stage`` (same map); answers with the
    grid (the channels lane follows the touchpoints)."""
    touchpoint = touchpoint_get(user=request.user, pk=touchpoint_id)
    journey_id = touchpoint.stage.journey_id
    require_editor(request.user, touchpoint.stage.journey.workspace_id)
    form = TouchpointMoveForm(request.POST)
    if not form.is_valid():
        return grid_response(request, journey_id, status=400)
    target = None
    position = form.cleaned_data["position"]
    if form.cleaned_data["stage"]:
        target = stage_get(user=request.user, pk=form.cleaned_data["stage"])
    direction = form.cleaned_data["direction"]
    if direction in ("up", "down"):
        position = max(0, touchpoint.position + (-1 if direction == "up" else 1))
    elif direction in ("left", "right"):
        step = -1 if direction == "left" else 1
        target = (
            stage_list(user=request.user)
            .filter(journey_id=journey_id, position=touchpoint.stage.position + step)
            .first()
        )
        if target is None:  # already in the first or last stage
            return grid_response(request, journey_id)
        position = min(touchpoint.position, target.touchpoints.count())
    try:
        touchpoint_move(actor=request.user, touchpoint=touchpoint, position=position, stage=target)
    except ValidationError:
        return grid_response(request, journey_id, status=400)
    return grid_response(request, journey_id)
