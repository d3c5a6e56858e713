from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SharingConfig(AppConfig):
    """Share links and map templates: a slice and a Django app of its own."""

    name = "cjm.sharing"
    label = "cjm_sharing"
    verbose_name = _("Sharing and templates")
