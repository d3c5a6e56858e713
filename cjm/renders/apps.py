from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RendersConfig(AppConfig):
    """Map exports as files (PDF, PNG): a slice of its own with its own migrations."""

    name = "cjm.renders"
    label = "cjm_renders"
    verbose_name = _("Map exports")
