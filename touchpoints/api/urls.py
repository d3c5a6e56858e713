"""Channel, touchpoint, action, comment and rating-history endpoints (namespace
``touchpoints-api``), mounted by cjm/api_urls.py."""

from rest_framework.routers import SimpleRouter

from touchpoints.api.views import (
    ActionViewSet,
    ChannelViewSet,
    CommentViewSet,
    RatingChangeViewSet,
    TouchpointViewSet,
)

app_name = "touchpoints-api"

router = SimpleRouter(use_regex_path=False)
router.register("channels", ChannelViewSet, basename="channel")
router.register("touchpoints", TouchpointViewSet, basename="touchpoint")
router.register("actions", ActionViewSet, basename="improvementaction")
router.register("comments", CommentViewSet, basename="comment")
router.register("rating-changes", RatingChangeViewSet, basename="ratingchange")

urlpatterns = router.urls
