"""Map editor endpoints for lane cells (htmx): inline text and the emotion score.

``lanes/<lane>/cells/<stage>/`` shows one cell (GET, also what Esc goes back to) and saves it
(POST: ``text`` for text lanes, ``emotion_score`` for the emotions lane, with the ``version`` the
user saw; 0 for a cell never written). ``.../edit/`` is the inline form. A saved emotion score
answers with the whole emotions row, since the curve's neighbouring pieces move with it.
"""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cjm.choices import LaneKind
from cjm.core.editor import editor_view, form_errors_from, invalid, require_editor
from cjm.core.permissions import has_role
from cjm.core.roles import Role
from cjm.forms import CellForm, EmotionForm
from cjm.map.grid import MapCell, build_row, emotion_levels
from cjm.map.render import journey_url
from cjm.models import LaneCell
from cjm.selectors import journey_map_get, lane_get, stage_get
from cjm.services import lane_cell_set

NOT_TEXT = (LaneKind.TOUCHPOINTS, LaneKind.METRICS)


def _lane_and_stage(request: HttpRequest, lane_id: int, stage_id: int):
    lane = lane_get(user=request.user, pk=lane_id)
    stage = stage_get(user=request.user, pk=stage_id)
    if stage.journey_id != lane.journey_id or lane.kind in NOT_TEXT:
        raise Http404("No such cell.")
    return lane, stage


def _map_cell(lane, stage) -> MapCell:
    stored = LaneCell.objects.filter(lane=lane, stage=stage).first()
    cell = MapCell(
        stage=stage, text=stored.text if stored else "", version=stored.version if stored else 0
    )
    if lane.kind == LaneKind.CHANNELS and not cell.text:
        names = stage.touchpoints.filter(channel__isnull=False).values_list(
            "channel__name", flat=True
        )
        cell.channels = list(dict.fromkeys(names))
    return cell


def _cell_context(lane, stage, cell: MapCell, can_edit: bool, **extra) -> dict:
    return {"lane": lane, "stage": stage, "cell": cell, "can_edit": can_edit, **extra}


def _emotion_row(request: HttpRequest, lane) -> HttpResponse:
    journey = journey_map_get(user=request.user, pk=lane.journey_id)
    fresh = next(candidate for candidate in journey.lanes.all() if candidate.pk == lane.pk)
    row = build_row(fresh, list(journey.stages.all()))
    context = {
        "row": row,
        "journey": journey,
        "can_edit": True,
        "emotion_levels": emotion_levels(),
    }
    return render(request, "cjm/partials/_map_row.html", context)


@editor_view(["GET", "POST"])
def cell_detail(request: HttpRequest, lane_id: int, stage_id: int) -> HttpResponse:
    lane, stage = _lane_and_stage(request, lane_id, stage_id)
    if request.method == "GET":
        if lane.kind == LaneKind.EMOTIONS:
            raise Http404("The emotions lane is shown as a whole row.")
        can_edit = has_role(request.user, lane.journey.workspace_id, Role.EDITOR)
        context = _cell_context(lane, stage, _map_cell(lane, stage), can_edit)
        return render(request, "cjm/partials/_cell.html", context)
    require_editor(request.user, lane.journey.workspace_id)
    if lane.kind == LaneKind.EMOTIONS:
        return _save_emotion(request, lane, stage)
    form = CellForm(request.POST)
    if form.is_valid():
        try:
            lane_cell_set(
                actor=request.user,
                lane=lane,
                stage=stage,
                text=form.cleaned_data["text"],
                expected_version=form.cleaned_data["version"],
            )
            if not request.htmx:
                return redirect(journey_url(lane.journey_id))
            context = _cell_context(lane, stage, _map_cell(lane, stage), True)
            return render(request, "cjm/partials/_cell.html", context)
        except ValidationError as error:
            form_errors_from(form, error)
    return invalid(
        request, "cjm/partials/_cell_edit.html", _cell_context(lane, stage, None, True, form=form)
    )


def _save_emotion(request: HttpRequest, lane, stage) -> HttpResponse:
    form = EmotionForm(request.POST)
    if not form.is_valid():
        response = _emotion_row(request, lane)
        response.status_code = 400
        return response
    try:
        lane_cell_set(
            actor=request.user,
            lane=lane,
            stage=stage,
            emotion_score=form.cleaned_data["emotion_score"],
            expected_version=form.cleaned_data["version"],
        )
    except ValidationError as error:
        # Only a cell deleted meanwhile gets here: show the row as it is now.
        response = _emotion_row(request, lane)
        response.status_code = 409
        response["X-Error"] = "; ".join(error.messages)
        return response
    if not request.htmx:
        return redirect(journey_url(lane.journey_id))
    return _emotion_row(request, lane)


@editor_view(["GET"])
def cell_edit(request: HttpRequest, lane_id: int, stage_id: int) -> HttpResponse:
    lane, stage = _lane_and_stage(request, lane_id, stage_id)
    require_editor(request.user, lane.journey.workspace_id)
    if lane.kind == LaneKind.EMOTIONS:
        raise Http404("The emotion score is set on the chart.")
    cell = _map_cell(lane, stage)
    form = CellForm(initial={"text": cell.text, "version": cell.version})
    context = _cell_context(lane, stage, cell, True, form=form)
    return render(request, "cjm/partials/_cell_edit.html", context)
