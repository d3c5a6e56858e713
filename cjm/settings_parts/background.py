"""Background work through Celery: the broker (none: tasks run eagerly, in-process), how workers
take tasks, and the beat schedule of the periodic jobs. ``CELERY_TIMEZONE`` is set in
cjm/settings.py beside ``TIME_ZONE``, the setting it follows."""

import os

from celery.schedules import crontab

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", "") or None
# No broker configured: run tasks in-process, synchronously, through the very same code path.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE = {
    # Actions due soon / overdue: notifications to their assignees (cjm/notifications/tasks.py).
    "action-reminders-daily": {
        "task": "cjm.notifications.tasks.action_reminders_send",
        "schedule": crontab(hour=7, minute=0),
    },
    # Daily digests: each hour, to the people whose local time is 08:00.
    "notification-digests-hourly": {
        "task": "cjm.notifications.tasks.notification_digests_send",
        "schedule": crontab(minute=5),
    },
    "webhooks-actions-overdue-daily": {
        "task": "cjm.webhooks.tasks.webhooks_overdue_send",
        "schedule": crontab(hour=7, minute=5),
    },
    "feedback-aggregates-hourly": {
        "task": "feedback.tasks.feedback_aggregates_refresh",
        "schedule": crontab(minute=17),
    },
    # Standard funnel reports of active journeys, incremental where possible (cjm/funnels/tasks.py).
    "funnel-reports-nightly": {
        "task": "cjm.tasks.funnel_reports_refresh_standard_task",
        "schedule": crontab(hour=2, minute=30),
    },
    # Done actions whose after-window has passed, or that late events may move (cjm/evidence).
    "action-outcomes-nightly": {
        "task": "cjm.evidence.tasks.action_outcomes_refresh_task",
        "schedule": crontab(hour=3, minute=10),
    },
    # Map exports (PDF/PNG) older than a day: files and rows (cjm/renders/tasks.py).
    "map-renders-cleanup-hourly": {
        "task": "cjm.renders.tasks.map_renders_cleanup_task",
        "schedule": crontab(minute=41),
    },
    # The audit log: records older than CJM_HISTORY_DAYS (cjm/history/tasks.py).
    "history-prune-daily": {
        "task": "cjm.history.tasks.history_prune_task",
        "schedule": crontab(hour=3, minute=23),
    },
}
