"""Reads of the feedback app, split by noun. Scoping to the user's workspaces happens here."""

from .evidence import (
    TouchpointFeedback,
    journey_emotion_rows,
    stage_emotion_scores,
    touchpoint_feedback,
)
from .lists import (
    customer_response_list,
    invitation_list,
    response_get,
    response_list,
    review_get,
    review_list,
    survey_get,
    survey_get_public,
    survey_list,
)
from .metrics import metric_breakdown, metric_series, review_score, survey_stats
from .settings import feedback_settings_for

__all__ = [
    "TouchpointFeedback",
    "customer_response_list",
    "feedback_settings_for",
    "invitation_list",
    "journey_emotion_rows",
    "metric_breakdown",
    "metric_series",
    "response_get",
    "response_list",
    "review_get",
    "review_score",
    "review_list",
    "stage_emotion_scores",
    "survey_get",
    "survey_get_public",
    "survey_list",
    "survey_stats",
    "touchpoint_feedback",
]
