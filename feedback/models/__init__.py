"""Feedback: surveys and their invitations, responses, reviews, settings and aggregates."""

from .aggregates import FeedbackAggregate
from .responses import Response
from .reviews import Review
from .settings import FeedbackSettings
from .surveys import Invitation, Survey

__all__ = [
    "FeedbackAggregate",
    "FeedbackSettings",
    "Invitation",
    "Response",
    "Review",
    "Survey",
]
