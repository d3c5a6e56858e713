from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    """Measured impact and the moments-of-truth ledger. Its one model caches each done action's
    outcome (the register and the map show it)."""

    name = "cjm.evidence"
    label = "cjm_evidence"
    verbose_name = _("Evidence")

    def ready(self) -> None:
        from cjm.evidence import producers  # connects the listener (Django's app idiom)

        producers.connect()
