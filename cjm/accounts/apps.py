from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Workspaces, members and teams, and each person's own settings: a slice of its own
    (admin and the ``create_api_token`` command are found here). Its model keeps the ``cjm``
    app label: the table and migration predate the slice."""

    name = "cjm.accounts"
    label = "cjm_accounts"
    verbose_name = _("Accounts")
