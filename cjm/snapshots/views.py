"""Pages of snapshots: a map's snapshots (list, "save snapshot"), one snapshot drawn read-only
like the map, the compare page, and the to-be emotion curve the map overlays (JSON)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cjm.choices import LaneKind
from cjm.core.exceptions import error_detail
from cjm.core.permissions import has_role
from cjm.core.roles import Role
from cjm.map.grid import emotion_segments
from cjm.selectors import journey_get
from touchpoints.choices import RATING_CHOICES

from . import services
from .forms import SnapshotForm
from .render import frozen_map, frozen_map_context, mark_changes
from .selectors import (
    CURRENT,
    comparison_get,
    copy_links,
    future_copy_list,
    journey_freeze,
    snapshot_get,
    snapshot_list,
)


def _journey(request: HttpRequest, journey_id: int):
    journey = journey_get(user=request.user, pk=journey_id)
    request.workspace = journey.workspace
    return journey


@login_required
@require_http_methods(["GET", "POST"])
def snapshot_list_page(request: HttpRequest, journey_id: int) -> HttpResponse:
    """A map's snapshots, newest first; editors save a new one here (the map's toolbar posts
    here too)."""
    journey = _journey(request, journey_id)
    can_edit = has_role(request.user, journey.workspace_id, Role.EDITOR)
    form = SnapshotForm(request.POST or None)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            snapshot = services.snapshot_create(
                actor=request.user, journey=journey, name=form.cleaned_data["name"]
            )
            messages.success(request, _("Snapshot saved: this is the map as it is now."))
            return redirect("cjm:snapshot_detail", snapshot_id=snapshot.pk)
    context = {
        "journey": journey,
        "workspace": journey.workspace,
        "snapshots": list(snapshot_list(user=request.user, journey=journey)),
        "future_copies": list(future_copy_list(user=request.user, journey_id=journey.pk)),
        "form": form,
        "can_edit": can_edit,
    }
    status = 400 if form.errors else 200
    return render(request, "snapshots/snapshot_list.html", context, status=status)


@login_required
@require_GET
def snapshot_detail(request: HttpRequest, snapshot_id: int) -> HttpResponse:
    """One snapshot, drawn like the map (read-only), with a banner saying what it is."""
    snapshot = snapshot_get(user=request.user, pk=snapshot_id)
    journey = snapshot.journey
    request.workspace = journey.workspace
    context = {
        **frozen_map_context(snapshot.data),
        "snapshot": snapshot,
        "journey": journey,
        "frozen": snapshot.data,
        "workspace": journey.workspace,
        "may_delete": has_role(request.user, journey.workspace_id, Role.EDITOR),
    }
    return render(request, "snapshots/snapshot_detail.html", context)


@login_required
@require_POST
def snapshot_delete(request: HttpRequest, snapshot_id: int) -> HttpResponse:
    snapshot = snapshot_get(user=request.user, pk=snapshot_id)
    journey_id = snapshot.journey_id
    services.snapshot_delete(actor=request.user, snapshot=snapshot)
    messages.success(request, _("The snapshot is deleted."))
    return redirect("cjm:snapshot_list", journey_id=journey_id)


@login_required
@require_GET
def compare_page(request: HttpRequest, journey_id: int) -> HttpResponse:
    """Two versions of a map side by side, the changes marked on the maps, and the figures per
    stage then and now. ``?from=&to=`` (a snapshot id or "current") or ``?with_journey=``."""
    journey = _journey(request, journey_id)
    snapshots = list(snapshot_list(user=request.user, journey=journey))
    copies = list(future_copy_list(user=request.user, journey_id=journey.pk))
    params = request.GET
    source_from = params.get("from") or (str(snapshots[0].pk) if snapshots else "")
    source_to = params.get("to") or CURRENT
    with_journey = params.get("with_journey") or ""
    if not source_from and not with_journey and copies:
        with_journey = str(copies[0].pk)
    context = {
        "journey": journey,
        "workspace": journey.workspace,
        "snapshots": snapshots,
        "future_copies": copies,
        "source_from": source_from,
        "source_to": source_to,
        "with_journey": with_journey,
        "comparison": None,
        "errors": {},
        "rating_choices": [],
    }
    status = 200
    if source_from or with_journey:
        try:
            comparison = comparison_get(
                user=request.user,
                journey=journey,
                source_from=source_from,
                source_to=source_to,
                with_journey=with_journey,
            )
        except ValidationError as error:
            context["errors"] = error_detail(error)
            status = 400
        else:
            labels = dict(RATING_CHOICES)
            for row in comparison.result["rating_changes"]:
                row["from_label"] = labels.get(row["from"], row["from"])
                row["to_label"] = labels.get(row["to"], row["to"])
            before, after = frozen_map(comparison.before.data), frozen_map(comparison.after.data)
            mark_changes(before, after, comparison.result)
            context.update(
                comparison=comparison,
                result=comparison.result,
                before=before,
                after=after,
                before_title=_side_title(comparison.before),
                after_title=_side_title(comparison.after),
            )
    return render(request, "snapshots/compare.html", context, status=status)


def _side_title(side) -> str:
    if side.snapshot is not None:
        return _("Snapshot “%(name)s”") % {"name": side.snapshot.name}
    if side.journey is not None:
        return side.journey.title
    return _("The map now")


@login_required
@require_GET
def tobe_curve(request: HttpRequest, journey_id: int) -> JsonResponse:
    """The to-be emotion curve the map can overlay on its own: without ``source``, what it may
    come from (future-state copies of this map, its snapshots); with ``source``
    (``journey:<id>`` or ``snapshot:<id>``), one piece of the curve per stage of this map
    (matched through the copy's links, or by id for a snapshot), drawn like the map's own."""
    journey = _journey(request, journey_id)
    source = request.GET.get("source", "")
    if not source:
        copies = future_copy_list(user=request.user, journey_id=journey.pk)
        snapshots = snapshot_list(user=request.user, journey=journey)
        return JsonResponse(
            {
                "sources": [
                    *(
                        {"value": f"journey:{c.pk}", "label": c.title, "kind": "journey"}
                        for c in copies
                    ),
                    *(
                        {"value": f"snapshot:{s.pk}", "label": s.name, "kind": "snapshot"}
                        for s in snapshots
                    ),
                ]
            }
        )
    kind, _sep, value = source.partition(":")
    if kind not in ("journey", "snapshot") or not value.isdigit():
        return JsonResponse({"source": [_("journey:<id> or snapshot:<id>.")]}, status=400)
    if kind == "snapshot":
        snapshot = snapshot_get(user=request.user, pk=int(value))
        if snapshot.journey_id != journey.pk:
            return JsonResponse({"source": [_("This snapshot is of another map.")]}, status=400)
        other, links = snapshot.data, None
    else:
        copy = journey_get(user=request.user, pk=int(value))
        if copy.copied_from_id != journey.pk:
            return JsonResponse({"source": [_("This map is not a copy of this one.")]}, status=400)
        other = journey_freeze(user=request.user, journey_id=copy.pk)
        stage_links, _touchpoints = copy_links(original_id=journey.pk, copy_id=copy.pk)
        links = {original: copied for copied, original in stage_links.items()}
    scores_of = _emotion_scores(other)
    stage_ids = list(journey.stages.order_by("position").values_list("pk", flat=True))
    scores = [scores_of.get(pk if links is None else links.get(pk)) for pk in stage_ids]
    pieces = emotion_segments(scores)
    return JsonResponse(
        {
            "stages": [
                {"stage": pk, **(piece or {})} for pk, piece in zip(stage_ids, pieces, strict=True)
            ]
        }
    )


def _emotion_scores(frozen: dict) -> dict[int, int]:
    for lane in frozen.get("lanes", []):
        if lane["kind"] == LaneKind.EMOTIONS:
            return {
                cell["stage"]: cell["emotion_score"]
                for cell in lane.get("cells", [])
                if cell.get("emotion_score") is not None
            }
    return {}
