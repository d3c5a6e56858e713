"""The work of the export jobs (cjm/renders/tasks.py calls these; they queue nothing): draw a
map to its file with progress written on the row, record a failure, remove expired exports."""

import logging
import tempfile
from pathlib import Path

from django.core.files import File
from django.db import transaction
from django.utils import timezone

from cjm.selectors.journey_map import journey_map_data, journey_map_head

from . import document
from .models import MapRender, RenderFormat, RenderStatus

logger = logging.getLogger(__name__)


def _progress(render_id: int, progress: int, status: str = RenderStatus.RUNNING) -> None:
    MapRender.objects.filter(pk=render_id).update(status=status, progress=progress)


def map_render_run(*, render_id: int) -> MapRender | None:
    """Draw the export ``render_id``; safe to run twice (a finished export is left alone). The
    map is read as its creator sees it: someone who has left the workspace gets no file."""
    render = MapRender.objects.filter(pk=render_id).select_related("created_by").first()
    if render is None or render.status == RenderStatus.DONE:
        return render
    _progress(render.pk, 10)
    head = journey_map_head(user=render.created_by, pk=render.journey_id)
    data = journey_map_data(head)
    _progress(render.pk, 30)
    png = render.format == RenderFormat.PNG
    html = document.document_html(data, png=png)
    _progress(render.pk, 50)
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / f"map.{render.format}"
        if png:
            document.write_png(html, target, scale=document.png_scale(data))
        else:
            document.write_pdf(html, target)
        _progress(render.pk, 90)
        name = f"journey-{render.journey_id}-{render.pk}.{render.format}"
        with target.open("rb") as handle:
            render.file.save(name, File(handle), save=False)
    render.status, render.progress = RenderStatus.DONE, 100
    render.save(update_fields=["file", "status", "progress"])
    return render


def map_render_fail(*, render_id: int, error: str) -> None:
    MapRender.objects.filter(pk=render_id).update(status=RenderStatus.FAILED, error=error[:2000])


def map_renders_cleanup() -> int:
    """Delete exports past their ``expires_at`` with their files; idempotent (a file already
    gone is not an error). Returns how many rows were removed."""
    removed = 0
    for render in MapRender.objects.filter(expires_at__lte=timezone.now()).iterator():
        if render.file:
            render.file.delete(save=False)
        with transaction.atomic():
            removed += MapRender.objects.filter(pk=render.pk).delete()[0]
    return removed


def map_renders_interrupted() -> list[int]:
    """Exports left "running" by a worker that died mid-run: a starting worker queues them
    again (``map_render_run`` is safe to run twice; the file is written once, at the end)."""
    return list(
        MapRender.objects.filter(
            status=RenderStatus.RUNNING, expires_at__gt=timezone.now()
        ).values_list("pk", flat=True)
    )
