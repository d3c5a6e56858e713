from .insights import (
    MetricSeriesSerializer,
    StageEmotionSerializer,
    TouchpointFeedbackSerializer,
)
from .responses import ResponseBulkResultSerializer, ResponseCreateSerializer, ResponseSerializer
from .reviews import ReviewImportSerializer, ReviewSerializer
from .surveys import (
    FeedbackSettingsSerializer,
    InvitationBatchSerializer,
    InvitationCreateSerializer,
    InvitationSerializer,
    SurveySerializer,
    SurveyStatsSerializer,
    SurveyUpdateSerializer,
)

__all__ = [
    "FeedbackSettingsSerializer",
    "InvitationBatchSerializer",
    "InvitationCreateSerializer",
    "InvitationSerializer",
    "MetricSeriesSerializer",
    "ResponseBulkResultSerializer",
    "ResponseCreateSerializer",
    "ResponseSerializer",
    "ReviewImportSerializer",
    "ReviewSerializer",
    "StageEmotionSerializer",
    "SurveySerializer",
    "SurveyStatsSerializer",
    "SurveyUpdateSerializer",
    "TouchpointFeedbackSerializer",
]
