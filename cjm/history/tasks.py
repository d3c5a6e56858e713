"""The audit log's daily job: prune records older than ``CJM_HISTORY_DAYS``."""

from celery import shared_task

from cjm.history import services


@shared_task
def history_prune_task() -> int:
    return services.history_prune()
