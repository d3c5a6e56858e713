"""Background jobs of map exports. Thin: ids in, one call of cjm/renders/runs.py."""

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from celery.signals import worker_ready

from . import runs

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=5 * 60, time_limit=6 * 60)
def map_render_task(render_id: int) -> None:
    try:
        runs.map_render_run(render_id=render_id)
    except SoftTimeLimitExceeded:
        runs.map_render_fail(render_id=render_id, error="The export took too long.")
        raise
    except Exception as exc:
        logger.exception("Map export %s failed", render_id)
        runs.map_render_fail(render_id=render_id, error=str(exc) or repr(exc))
        raise


@shared_task
def map_renders_cleanup_task() -> int:
    return runs.map_renders_cleanup()


@worker_ready.connect
def map_renders_resume(**kwargs) -> None:
    """A worker that starts queues again the exports a killed worker left running."""
    for render_id in runs.map_renders_interrupted():
        logger.warning("Map export %s was interrupted: queued again", render_id)
        map_render_task.delay(render_id)
