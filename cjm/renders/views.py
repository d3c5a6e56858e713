"""The map page's export panel (htmx) and the download of an export for browser sessions.

The panel is loaded into the map page by htmx (the page's content is cached for everyone, the
panel is per user): "Export PDF" / "Export PNG" buttons, then the progress of the newest
export of each format, polled every second while it runs, then "Download".
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from cjm.selectors.journey_map import journey_page_get

from .downloads import map_render_file_response
from .models import RenderFormat
from .selectors import map_render_get, map_render_latest
from .services import map_render_request


@login_required
@require_http_methods(["GET", "POST"])
def export_panel(request: HttpRequest, journey_id: int) -> HttpResponse:
    journey = journey_page_get(user=request.user, pk=journey_id)
    error, status = "", 200
    if request.method == "POST":
        try:
            map_render_request(
                actor=request.user, journey_id=journey.pk, format=request.POST.get("format", "")
            )
        except ValidationError as exc:
            error, status = " ".join(exc.messages), 400
        else:
            if not request.htmx:  # a plain form post: back to the map, which loads the panel
                return redirect("cjm:journey_detail", journey_id=journey.pk)
    exports = [
        (value, label, map_render_latest(user=request.user, journey_id=journey.pk, format=value))
        for value, label in RenderFormat.choices
    ]
    context = {
        "journey": journey,
        "exports": exports,
        "error": error,
        "is_running": any(render and render.is_running for _, _, render in exports),
    }
    return render(request, "renders/partials/_export_panel.html", context, status=status)


@login_required
@require_http_methods(["GET"])
def export_download(request: HttpRequest, render_id: int) -> HttpResponse:
    return map_render_file_response(map_render_get(user=request.user, pk=render_id))
