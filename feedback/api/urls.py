"""REST endpoints for surveys, responses and reviews, mounted under /api/v1/."""

from rest_framework.routers import DefaultRouter

from feedback.api.views.insights import (
    MetricViewSet,
    StageEmotionViewSet,
    TouchpointFeedbackViewSet,
)
from feedback.api.views.responses import ResponseViewSet
from feedback.api.views.reviews import ReviewViewSet
from feedback.api.views.surveys import FeedbackSettingsViewSet, SurveyViewSet

app_name = "feedback-api"

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("surveys", SurveyViewSet, basename="survey")
router.register("responses", ResponseViewSet, basename="response")
router.register("reviews", ReviewViewSet, basename="review")
router.register("feedback-settings", FeedbackSettingsViewSet, basename="feedback-settings")
router.register("touchpoint-feedback", TouchpointFeedbackViewSet, basename="touchpoint-feedback")
router.register("stage-emotions", StageEmotionViewSet, basename="stage-emotion")
router.register("feedback-metrics", MetricViewSet, basename="feedback-metric")

urlpatterns = router.urls
