from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    """Measured impact and the moments-of-truth ledger: no models of its own; its migration
    adds the events index the impact windows read (docs/impact.md)."""

    name = "cjm.evidence"
    label = "cjm_evidence"
    verbose_name = _("Evidence")
