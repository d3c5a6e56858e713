"""Browser pages of the feedback app: public answer pages and the workspace pages."""

from .overview import metrics_refresh, overview, settings_edit, touchpoint_apply_rating
from .public import invitation_answer, public_answer, thanks
from .responses import response_list
from .reviews import review_create, review_edit, review_import, review_list
from .surveys import (
    survey_create,
    survey_delete,
    survey_detail,
    survey_edit,
    survey_list,
    survey_qr,
)

__all__ = [
    "invitation_answer",
    "metrics_refresh",
    "overview",
    "public_answer",
    "response_list",
    "review_create",
    "review_edit",
    "review_import",
    "review_list",
    "settings_edit",
    "survey_create",
    "survey_delete",
    "survey_detail",
    "survey_edit",
    "survey_list",
    "survey_qr",
    "thanks",
    "touchpoint_apply_rating",
]
