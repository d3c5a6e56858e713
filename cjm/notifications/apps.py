from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """Notifications in the app and by e-mail: a slice of its own. It listens to the other
    slices (recorded changes, the people slice's and feedback's signals) and imports them; none
    of them imports it."""

    name = "cjm.notifications"
    label = "cjm_notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from cjm.notifications import producers  # connects the listeners (Django's app idiom)

        producers.connect()
