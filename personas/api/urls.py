"""Segment and persona endpoints (namespace ``personas-api``), mounted by cjm/api_urls.py."""

from rest_framework.routers import SimpleRouter

from personas.api.views import PersonaViewSet, SegmentViewSet

app_name = "personas-api"

router = SimpleRouter(use_regex_path=False)
router.register("segments", SegmentViewSet, basename="segment")
router.register("personas", PersonaViewSet, basename="persona")

urlpatterns = router.urls
