"""REST endpoints for surveys, responses and reviews (namespace ``feedback-api``), mounted under
``/api/v1/`` by cjm/api_urls.py."""

from rest_framework.routers import SimpleRouter

from feedback.api.views.insights import (
    MetricViewSet,
    StageEmotionViewSet,
    TouchpointFeedbackViewSet,
)
from feedback.api.views.responses import ResponseViewSet
from feedback.api.views.reviews import ReviewViewSet
from feedback.api.views.surveys import FeedbackSettingsViewSet, SurveyViewSet

app_name = "feedback-api"

router = SimpleRouter(use_regex_path=False)
router.register("surveys", SurveyViewSet, basename="survey")
router.register("responses", ResponseViewSet, basename="response")
router.register("reviews", ReviewViewSet, basename="review")
router.register("feedback-settings", FeedbackSettingsViewSet, basename="feedback-settings")
router.register("touchpoint-feedback", TouchpointFeedbackViewSet, basename="touchpoint-feedback")
router.register("stage-emotions", StageEmotionViewSet, basename="stage-emotion")
router.register("feedback-metrics", MetricViewSet, basename="feedback-metric")

urlpatterns = router.urls
