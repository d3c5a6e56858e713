"""Map editor endpoints for stages and lanes (htmx).

One URL per resource: ``stages/<id>/`` shows the stage header (GET), renames it (POST) and
deletes it (DELETE, the version in the query string); ``stages/<id>/edit/`` is the inline form;
``stages/<id>/move/`` reorders. Lanes follow the same shape. Writes that change the shape of the
grid answer with the whole grid (``#map-grid``), small edits with their own partial.
Every write goes through ``cjm.services`` with ``actor=request.user``.
"""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cjm.core.editor import editor_view, form_errors_from, invalid, require_editor
from cjm.core.permissions import has_role
from cjm.core.roles import Role
from cjm.forms import (
    DeleteForm,
    LaneCreateForm,
    LaneForm,
    LaneVisibilityForm,
    MoveForm,
    StageCreateForm,
    StageForm,
    StageStepForm,
)
from cjm.map.grid import build_map_grid
from cjm.map.render import grid_response, journey_url
from cjm.selectors import journey_get, journey_map_get, lane_get, stage_get
from cjm.selectors import lane_list as lane_selector
from cjm.services import (
    lane_create,
    lane_delete,
    lane_move,
    lane_update,
    stage_branch_create,
    stage_create,
    stage_delete,
    stage_move,
    stage_step_join,
    stage_step_leave,
    stage_update,
    step_move,
    step_optional_set,
)


def retarget(response: HttpResponse, selector: str) -> HttpResponse:
    """Swap this answer over ``selector`` instead of the request's target (form errors of the
    add forms, whose success answer is the whole grid)."""
    response["HX-Retarget"] = selector
    response["HX-Reswap"] = "outerHTML"
    return response


# --- Stages ------------------------------------------------------------------------------------


@editor_view(["POST"])
def stage_list(request: HttpRequest, journey_id: int) -> HttpResponse:
    """POST: add a stage (at ``position``, default at the end)."""
    journey = journey_get(user=request.user, pk=journey_id)
    require_editor(request.user, journey.workspace_id)
    form = StageCreateForm(request.POST)
    if form.is_valid():
        try:
            stage_create(
                actor=request.user,
                journey=journey,
                name=form.cleaned_data["name"],
                position=form.cleaned_data["position"],
            )
            return grid_response(request, journey.pk)
        except ValidationError as error:
            form_errors_from(form, error)
    context = {"journey": journey, "stage_form": form, "can_edit": True}
    return retarget(invalid(request, "cjm/partials/_stage_add.html", context), "#stage-add")


def _stage_context(stage, **extra) -> dict:
    return {"stage": stage, "journey": stage.journey, "can_edit": True, **extra}


@editor_view(["GET", "POST", "DELETE"])
def stage_detail(request: HttpRequest, stage_id: int) -> HttpResponse:
    """GET: the stage header. POST: rename / change its tags. DELETE: delete it and its column."""
    stage = stage_get(user=request.user, pk=stage_id)
    workspace_id = stage.journey.workspace_id
    if request.method == "GET":
        can_edit = has_role(request.user, workspace_id, Role.EDITOR)
        return render(
            request,
            "cjm/partials/_stage_header.html",
            _stage_context(stage) | {"can_edit": can_edit},
        )
    require_editor(request.user, workspace_id)
    if request.method == "DELETE":
        form = DeleteForm(request.GET)
        version = form.cleaned_data["version"] if form.is_valid() else None
        stage_delete(actor=request.user, stage=stage, expected_version=version)
        return grid_response(request, stage.journey_id)
    form = StageForm(request.POST)
    if form.is_valid():
        try:
            stage = stage_update(
                actor=request.user,
                stage=stage,
                expected_version=form.cleaned_data["version"],
                **form.changes(),
            )
            if not request.htmx:
                return redirect(journey_url(stage.journey_id))
            return render(request, "cjm/partials/_stage_header.html", _stage_context(stage))
        except ValidationError as error:
            form_errors_from(form, error)
    return invalid(request, "cjm/partials/_stage_edit.html", _stage_context(stage, form=form))


@editor_view(["GET"])
def stage_edit(request: HttpRequest, stage_id: int) -> HttpResponse:
    """The inline form for a stage's name (and its moment of truth and purchase phase)."""
    stage = stage_get(user=request.user, pk=stage_id)
    require_editor(request.user, stage.journey.workspace_id)
    form = StageForm(
        initial={
            "name": stage.name,
            "version": stage.version,
            "moment_of_truth": stage.moment_of_truth,
            "purchase_phase": stage.purchase_phase,
        }
    )
    return render(request, "cjm/partials/_stage_edit.html", _stage_context(stage, form=form))


@editor_view(["POST"])
def stage_reorder(request: HttpRequest, stage_id: int) -> HttpResponse:
    """Move a stage to ``position`` (0-based); answers with the whole grid."""
    stage = stage_get(user=request.user, pk=stage_id)
    require_editor(request.user, stage.journey.workspace_id)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return grid_response(request, stage.journey_id, status=400)
    position = form.cleaned_data["position"]
    if position is None:
        step = -1 if form.cleaned_data["direction"] in ("left", "up") else 1
        position = max(0, stage.position + step)
    stage_move(actor=request.user, stage=stage, position=position)
    return grid_response(request, stage.journey_id)


@editor_view(["POST"])
def stage_step(request: HttpRequest, stage_id: int) -> HttpResponse:
    """Steps and branches from the map (menu and drag and drop): see ``StageStepForm``;
    answers with the whole grid (400 with the grid unchanged for a request that makes no sense).
    """
    stage = stage_get(user=request.user, pk=stage_id)
    require_editor(request.user, stage.journey.workspace_id)
    form = StageStepForm(request.POST)
    if not form.is_valid():
        return grid_response(request, stage.journey_id, status=400)
    action = form.cleaned_data["action"]
    try:
        if action == "branch":
            stage_branch_create(actor=request.user, stage=stage, name=_("Alternative"))
        elif action in ("optional", "required"):
            step_optional_set(actor=request.user, stage=stage, is_optional=action == "optional")
        elif action == "leave":
            stage_step_leave(actor=request.user, stage=stage)
        elif action == "join":
            target = stage_get(user=request.user, pk=form.cleaned_data["target"])
            stage_step_join(actor=request.user, stage=stage, target=target)
        else:
            step_move(actor=request.user, stage=stage, index=form.cleaned_data["index"])
    except ValidationError:
        return grid_response(request, stage.journey_id, status=400)
    return grid_response(request, stage.journey_id)


# --- Lanes -------------------------------------------------------------------------------------


@editor_view(["POST"])
def lane_list(request: HttpRequest, journey_id: int) -> HttpResponse:
    """POST: add a lane: a custom text lane, or a standard lane the map does not have yet."""
    journey = journey_map_get(user=request.user, pk=journey_id)
    require_editor(request.user, journey.workspace_id)
    grid = build_map_grid(journey)
    form = LaneCreateForm(request.POST, missing_kinds=grid.missing_kinds)
    if form.is_valid():
        try:
            lane_create(
                actor=request.user,
                journey=journey,
                name=form.cleaned_data["name"],
                kind=form.cleaned_data["kind"],
            )
            return grid_response(request, journey.pk)
        except ValidationError as error:
            form_errors_from(form, error)
    context = {"journey": journey, "grid": grid, "lane_form": form, "can_edit": True}
    return retarget(invalid(request, "cjm/partials/_lane_add.html", context), "#lane-add")


def _lane_context(lane, **extra) -> dict:
    return {"lane": lane, "journey": lane.journey, "can_edit": True, **extra}


@editor_view(["GET", "POST", "DELETE"])
def lane_detail(request: HttpRequest, lane_id: int) -> HttpResponse:
    """GET: the lane's name cell. POST: rename, or hide/show (``is_hidden``). DELETE: delete."""
    lane = lane_get(user=request.user, pk=lane_id)
    workspace_id = lane.journey.workspace_id
    if request.method == "GET":
        context = _lane_context(lane, can_edit=has_role(request.user, workspace_id, Role.EDITOR))
        return render(request, "cjm/partials/_lane_header.html", context)
    require_editor(request.user, workspace_id)
    if request.method == "DELETE":
        form = DeleteForm(request.GET)
        version = form.cleaned_data["version"] if form.is_valid() else None
        try:
            lane_delete(actor=request.user, lane=lane, expected_version=version)
        except ValidationError:
            # The touchpoints lane cannot be deleted (the menu does not offer it).
            return grid_response(request, lane.journey_id, status=400)
        return grid_response(request, lane.journey_id)
    if "is_hidden" in request.POST:
        visibility = LaneVisibilityForm(request.POST)
        if visibility.is_valid():
            lane_update(
                actor=request.user,
                lane=lane,
                expected_version=visibility.cleaned_data["version"],
                is_hidden=visibility.cleaned_data["is_hidden"],
            )
        return grid_response(request, lane.journey_id)
    form = LaneForm(request.POST)
    if form.is_valid():
        try:
            lane = lane_update(
                actor=request.user,
                lane=lane,
                expected_version=form.cleaned_data["version"],
                name=form.cleaned_data["name"],
            )
            if not request.htmx:
                return redirect(journey_url(lane.journey_id))
            return render(request, "cjm/partials/_lane_header.html", _lane_context(lane))
        except ValidationError as error:
            form_errors_from(form, error)
    return invalid(request, "cjm/partials/_lane_edit.html", _lane_context(lane, form=form))


@editor_view(["GET"])
def lane_edit(request: HttpRequest, lane_id: int) -> HttpResponse:
    lane = lane_get(user=request.user, pk=lane_id)
    require_editor(request.user, lane.journey.workspace_id)
    form = LaneForm(initial={"name": lane.display_name, "version": lane.version})
    return render(request, "cjm/partials/_lane_edit.html", _lane_context(lane, form=form))


@editor_view(["POST"])
def lane_reorder(request: HttpRequest, lane_id: int) -> HttpResponse:
    """Move a lane to ``position`` among all lanes of the map (hidden ones included)."""
    lane = lane_get(user=request.user, pk=lane_id)
    require_editor(request.user, lane.journey.workspace_id)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return grid_response(request, lane.journey_id, status=400)
    position = form.cleaned_data["position"]
    if position is None:
        position = _next_visible_lane_position(request, lane, form.cleaned_data["direction"])
    if position is not None:
        lane_move(actor=request.user, lane=lane, position=position)
    return grid_response(request, lane.journey_id)


def _next_visible_lane_position(request: HttpRequest, lane, direction: str) -> int | None:
    """One step up or down among the lanes the map shows (hidden lanes are skipped)."""
    visible = lane_selector(user=request.user).filter(journey_id=lane.journey_id, is_hidden=False)
    if direction in ("up", "left"):
        neighbour = visible.filter(position__lt=lane.position).order_by("-position").first()
    else:
        neighbour = visible.filter(position__gt=lane.position).order_by("position").first()
    return neighbour.position if neighbour else None
