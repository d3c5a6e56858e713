"""Writes of the feedback app, split by noun."""

from .aggregates import feedback_aggregates_refresh
from .invitations import InvitationBatch, invitations_create
from .responses import (
    BulkValidationError,
    LinkGone,
    invitation_check_usable,
    invitation_from_token,
    response_create,
    response_delete,
    response_submit_invitation,
    response_submit_public,
    responses_create_bulk,
)
from .review_csv import parse_reviews_csv
from .reviews import review_create, review_delete, review_update, reviews_import
from .settings import feedback_settings_update
from .suggestions import touchpoint_apply_suggested_rating
from .surveys import survey_create, survey_delete, survey_update

__all__ = [
    "BulkValidationError",
    "InvitationBatch",
    "LinkGone",
    "feedback_aggregates_refresh",
    "feedback_settings_update",
    "invitation_check_usable",
    "invitation_from_token",
    "invitations_create",
    "parse_reviews_csv",
    "response_create",
    "response_delete",
    "response_submit_invitation",
    "response_submit_public",
    "responses_create_bulk",
    "review_create",
    "review_delete",
    "review_update",
    "reviews_import",
    "survey_create",
    "survey_delete",
    "survey_update",
    "touchpoint_apply_suggested_rating",
]
