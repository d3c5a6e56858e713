"""Browser pages of the journeys app: home, workspace home and the map (editor or read-only).

Views only read here (through selectors) and shape what the templates show; the map itself is
drawn by ``cjm.map``, the workspace home's lists by ``cjm.views.dashboard``. With htmx a view
renders only its partial (``request.htmx``).
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cjm.core.pages import render_page
from cjm.core.permissions import has_role
from cjm.core.roles import Role
from cjm.core.scoping import workspace_get, workspace_list
from cjm.funnels.facade import stage_metrics_latest
from cjm.map.render import map_context
from cjm.selectors import journey_map_get
from cjm.selectors.journey_map import journey_map_prefetch

from .dashboard import dashboard_context
from .map_page import map_page


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
    workspace = workspace_get(user=request.user, pk=workspace_id)
    request.workspace = workspace
    context = dashboard_context(request, workspace)
    context["can_edit"] = has_role(request.user, workspace.pk, Role.EDITOR)
    return render_page(
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
                request,
                journey_map_prefetch(journey),
                stage_metrics_latest(journey=journey),
                feedback,
            ),
        )
    journey = journey_map_get(user=request.user, pk=journey_id)
    request.workspace = journey.workspace
    context = map_context(request, journey)
    return render_page(request, "cjm/journey_detail.html", "cjm/partials/_map_grid.html", context)
