from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FunnelsConfig(AppConfig):
    """Events and funnels: a slice of its own (admin, tasks and the ``import_events`` command
    are found here), whose models keep the ``cjm`` app label: their tables and migrations
    predate the slice and stay where they are."""

    name = "cjm.funnels"
    label = "cjm_funnels"
    verbose_name = _("Events and funnels")
