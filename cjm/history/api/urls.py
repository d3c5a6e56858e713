from rest_framework.routers import SimpleRouter

from cjm.history.api.views import ChangeRecordViewSet

router = SimpleRouter(use_regex_path=False)
router.register("changes", ChangeRecordViewSet, basename="change")

app_name = "history-api"
urlpatterns = router.urls
