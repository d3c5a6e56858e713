from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JourneysConfig(AppConfig):
    name = "cjm"
    verbose_name = _("Journeys")

    def ready(self) -> None:
        from cjm.core import changes
        from cjm.services.revisions import bump_for_change

        # Every recorded change bumps the revision of the maps it names, in its transaction.
        changes.subscribe(bump_for_change, phase=changes.IN_TRANSACTION)
