"""An export's file as a download: served by a view that checks membership (the API's and the
map page's), never from a public media URL."""

from django.http import FileResponse, Http404

from .models import CONTENT_TYPES, MapRender


def map_render_file_response(render: MapRender) -> FileResponse:
    """The export's file as an attachment; 404 while it is not ready or once it is gone."""
    if not render.is_ready:
        raise Http404("This export has no file.")
    try:
        handle = render.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("This export has no file.") from exc
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"journey-{render.journey_id}.{render.format}",
        content_type=CONTENT_TYPES[render.format],
    )
