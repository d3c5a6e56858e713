"""Endpoints of journeys, stages, lanes and cells. They share the ``cjm-api`` namespace with the
accounts' endpoints (``cjm-api:journey-detail``): cjm/api_urls.py mounts both there, under
``/api/v1/``."""

from rest_framework.routers import SimpleRouter

from cjm.api.views.journeys import JourneyViewSet
from cjm.api.views.stages import LaneCellViewSet, LaneViewSet, StageViewSet

router = SimpleRouter(use_regex_path=False)
router.register("journeys", JourneyViewSet, basename="journey")
router.register("stages", StageViewSet, basename="stage")
router.register("lanes", LaneViewSet, basename="lane")
router.register("cells", LaneCellViewSet, basename="lanecell")

urlpatterns = router.urls
