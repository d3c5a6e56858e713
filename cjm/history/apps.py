from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HistoryConfig(AppConfig):
    """The audit log: one row per recorded change (who, from where, when, which fields), the
    workspace's activity feed, each object's history and "restore this value" (docs/history.md).
    It listens to the changes every service records; no other slice imports it."""

    name = "cjm.history"
    label = "cjm_history"
    verbose_name = _("History")

    def ready(self) -> None:
        from cjm.history import recorder  # the listener needs the app registry ready

        recorder.connect()
