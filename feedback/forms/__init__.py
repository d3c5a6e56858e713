from .public import AnswerForm
from .workspace import (
    FeedbackSettingsForm,
    InvitationForm,
    ResponseFilterForm,
    ReviewFilterForm,
    ReviewForm,
    ReviewImportForm,
    SurveyForm,
)

__all__ = [
    "AnswerForm",
    "FeedbackSettingsForm",
    "InvitationForm",
    "ResponseFilterForm",
    "ReviewFilterForm",
    "ReviewForm",
    "ReviewImportForm",
    "SurveyForm",
]
