"""Browser pages of the journeys app: home, workspace home and the map (editor or read-only).

Views only read here (through selectors) and shape what the templates show; writes will go
through services. With htmx a view renders only its partial (``request.htmx``).
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cjm.choices import Role
from cjm.core.permissions import has_role
from cjm.selectors import journey_map_get, workspace_get, workspace_list
from cjm.selectors.journey_map import journey_map_prefetch
from feedback.selectors.evidence import attach_feedback
from touchpoints.choices import Rating

from .editor_grid import (  # noqa: F401  (re-exported: the map grid lives in editor_grid)
    build_map_grid,
    display_name,
    emotion_levels,
    emotion_segments,
    initials,
)
from .map_page import map_page

# The order ratings are shown in everywhere (best first, "not rated" last).
RATING_ORDER = [Rating.EXCELLENT, Rating.SO_SO, Rating.AWFUL, Rating.UNRATED]


def _render(request: HttpRequest, template: str, partial: str, context: dict) -> HttpResponse:
    """The full page, or only ``partial`` when htmx asks for it."""
    return render(request, partial if request.htmx else template, context)


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
        for rating in RATING_ORDER
    ]
    return {"items": items, "total": total}


# --- pages ------------------------------------------------------------------------------------


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The user's first workspace, or a friendly page when they are in none yet."""
    workspace = workspace_list(user=request.user).first()
    if workspace is not None:
        return redirect("cjm:workspace_detail", workspace_id=workspace.pk)
    return render(request, "cjm/home_empty.html")


@login_required
def workspace_detail(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """The workspace dashboard: journeys, touchpoints by rating and what needs attention
    (cjm/views/dashboard.py)."""
    from .dashboard import dashboard_context

    workspace = workspace_get(user=request.user, pk=workspace_id)
    request.workspace = workspace
    context = dashboard_context(request, workspace)
    context["can_edit"] = has_role(request.user, workspace.pk, Role.EDITOR)
    return _render(
        request, "cjm/workspace_detail.html", "cjm/partials/_journey_table.html", context
    )


@login_required
def journey_detail(request: HttpRequest, journey_id: int) -> HttpResponse:
    """The map: an editor for editors and admins, the same map read-only for viewers. The page
    is drawn once per map revision (cjm/views/map_page.py); htmx gets the grid alone."""
    if not request.htmx:
        return map_page(
            request,
            journey_id,
            build_context=lambda journey, feedback: map_context(
                request, journey_map_prefetch(journey), latest_stage_metrics(journey), feedback
            ),
        )
    journey = journey_map_get(user=request.user, pk=journey_id)
    request.workspace = journey.workspace
    context = map_context(request, journey, latest_stage_metrics(journey))
    return _render(request, "cjm/journey_detail.html", "cjm/partials/_map_grid.html", context)


def latest_stage_metrics(journey) -> dict:
    """Stage id -> entered, converted, drop_off_rate, is_worst from the latest done report of the
    whole audience (one query); empty without one."""
    from cjm.selectors.funnels import funnel_report_latest

    report = funnel_report_latest(journey=journey)
    rows = (report.result or {}).get("stages", []) if report else []
    metrics = {row["stage"]: {**row, "is_worst": False} for row in rows}
    rates = [(row["drop_off_rate"], row["stage"]) for row in rows if row["drop_off_rate"]]
    if rates:
        worst = max(rates, key=lambda item: item[0])[1]  # the first of equals
        metrics[worst]["is_worst"] = True
    return metrics


def map_context(
    request: HttpRequest, journey, stage_metrics: dict | None = None, feedback: dict | None = None
) -> dict:
    """What the map page and every partial re-render of the grid need (no further queries
    beyond the member's role, which is cached on the user). ``feedback``: the journey's
    ``touchpoint_feedback`` when the caller has it already."""
    # Funnel results per stage (stage id -> entered, converted, drop_off_rate, is_worst) for the
    # metrics lane; read here too when a partial answer draws the grid again after an edit.
    if stage_metrics is None:
        stage_metrics = latest_stage_metrics(journey)
    grid = build_map_grid(journey, stage_metrics)
    counts = dict.fromkeys(Rating.values, 0)
    touchpoints = [tp for stage in grid.stages for tp in stage.touchpoints.all()]
    for touchpoint in touchpoints:
        counts[touchpoint.rating] += 1
    # Feedback badges on the cards: a constant three queries, whatever the map's size.
    attach_feedback(workspace_id=journey.workspace_id, touchpoints=touchpoints, found=feedback)
    return {
        "journey": journey,
        "workspace": journey.workspace,
        "personas": list(journey.personas.all()),
        "grid": grid,
        "ratings": rating_summary(counts),
        "can_edit": has_role(request.user, journey.workspace_id, Role.EDITOR),
        "stage_metrics": stage_metrics,
        "emotion_levels": emotion_levels(),
        "rating_choices": [(r.value, r.label) for r in RATING_ORDER],
    }
