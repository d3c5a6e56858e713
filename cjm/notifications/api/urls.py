"""Notification endpoints (namespace ``notifications-api``), mounted by cjm/api_urls.py."""

from rest_framework.routers import SimpleRouter

from cjm.notifications.api.views import NotificationViewSet

app_name = "notifications-api"

router = SimpleRouter(use_regex_path=False)
router.register("notifications", NotificationViewSet, basename="notification")

urlpatterns = router.urls
