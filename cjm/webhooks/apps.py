from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    """Outgoing webhooks: a workspace's subscriptions, their deliveries and the producers that
    turn recorded changes into events (docs/webhooks.md)."""

    name = "cjm.webhooks"
    label = "cjm_webhooks"
    verbose_name = _("Webhooks")

    def ready(self) -> None:
        from cjm.webhooks import producers  # the listeners need the app registry ready

        producers.connect()
