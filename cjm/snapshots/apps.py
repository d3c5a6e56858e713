from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SnapshotsConfig(AppConfig):
    """Snapshots and compare: a slice and a Django app of its own."""

    name = "cjm.snapshots"
    label = "cjm_snapshots"
    verbose_name = _("Snapshots")
