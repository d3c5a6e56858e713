from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    """Live co-editing: the map's websocket (presence, "editing" markers) and the broadcast of
    every committed change to the maps it names (docs/live.md)."""

    name = "cjm.live"
    label = "cjm_live"
    verbose_name = _("Live co-editing")

    def ready(self) -> None:
        # Not a cycle: the broadcast reads models, which need the app registry ready.
        from cjm.core import changes
        from cjm.live.broadcast import broadcast_change

        changes.subscribe(broadcast_change, phase=changes.ON_COMMIT)
