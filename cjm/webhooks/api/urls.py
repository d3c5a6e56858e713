from rest_framework.routers import SimpleRouter

from cjm.webhooks.api.views import SubscriptionViewSet

router = SimpleRouter(use_regex_path=False)
router.register("webhooks", SubscriptionViewSet, basename="webhook")

app_name = "webhooks-api"
urlpatterns = router.urls
