"""REST endpoints for surveys, responses and reviews, mounted under /api/v1/."""

from django.http import JsonResponse
from django.urls import re_path
from django.views.decorators.csrf import csrf_exempt
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

# Any other URL under these first segments (a malformed id such as /api/v1/surveys/abc/) is a
# JSON 404, not the site's HTML page.
PREFIXES = (
    "surveys|responses|reviews|feedback-settings|touchpoint-feedback|stage-emotions|"
    "feedback-metrics"
)


@csrf_exempt  # an API URL: no session form posts here, and a 404 must stay JSON
def not_found(request, *args, **kwargs):
    return JsonResponse({"detail": "Not found."}, status=404)


urlpatterns = [*router.urls, re_path(rf"^(?:{PREFIXES})(?:/.*)?$", not_found)]
