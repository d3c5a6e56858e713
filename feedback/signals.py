"""Signals of the feedback slice that other slices listen to (through ``feedback.facade``).

``feedback_received``: sent after commit whenever survey answers or reviews tied to a touchpoint
are stored (one answer, an API bulk call, a review, a review import). ``sender`` is the model
class (``Response`` or ``Review``); ``items`` a list of ``FeedbackItem`` (notifications).

``negative_feedback``: sent after the commit of each negative survey answer or review, tied to a
touchpoint or not (webhooks' ``feedback.negative``).

Negative, for both: the score is at the bad end of its scale (an NPS detractor 0-6, a CSAT of
1-2, a CES of 1-2: on this product's 1-7 CES scale 7 is "very easy"), a review graded 1-2, or
a text read as negative (for ``negative_feedback`` answers too).
"""

import functools
from dataclasses import dataclass

from django.db import transaction
from django.dispatch import Signal

from feedback.choices import Sentiment, SurveyKind

feedback_received = Signal()

# What counts as negative: NPS detractors 0-6, CSAT 1-2, CES 1-2 (on this product's 1-7 scale
# 7 is "very easy", so the hard end is the low one), reviews graded 1-2 or read as negative.
NEGATIVE_SCORES = {
    SurveyKind.NPS: range(0, 7),
    SurveyKind.CSAT: range(1, 3),
    SurveyKind.CES: range(1, 3),
}


@dataclass(frozen=True)
class FeedbackItem:
    object_type: str  # "response" or "review"
    object_id: int
    workspace_id: int
    touchpoint_id: int
    kind: str  # nps, csat, ces or "review"
    score: int | None  # the answer's score, the review's grade
    negative: bool
    text: str


def _response_item(response) -> FeedbackItem:
    return FeedbackItem(
        object_type="response",
        object_id=response.pk,
        workspace_id=response.workspace_id,
        touchpoint_id=response.touchpoint_id,
        kind=response.kind,
        score=response.score,
        negative=response.score in NEGATIVE_SCORES.get(response.kind, ()),
        text=(response.comment or "")[:200],
    )


def _review_item(review) -> FeedbackItem:
    grade_bad = review.grade is not None and review.grade <= 2
    return FeedbackItem(
        object_type="review",
        object_id=review.pk,
        workspace_id=review.workspace_id,
        touchpoint_id=review.touchpoint_id,
        kind="review",
        score=review.grade,
        negative=grade_bad or review.sentiment == "negative",
        text=(review.text or "")[:200],
    )


def send_on_commit(sender, rows) -> None:
    """After commit, tell listeners about the stored rows tied to a touchpoint."""
    make = _review_item if sender.__name__ == "Review" else _response_item
    items = [make(row) for row in rows if row.touchpoint_id and row.pk]
    if items:
        transaction.on_commit(
            lambda: feedback_received.send_robust(sender=sender, items=items), robust=True
        )


#: ``send(sender="response"|"review", workspace_id=..., data={...})``
negative_feedback = Signal()

GRADE_BAD_UP_TO = 2


def _is_negative(item, kind: str) -> bool:
    if item.sentiment == Sentiment.NEGATIVE:
        return True
    if kind == "review":
        return item.grade is not None and item.grade <= GRADE_BAD_UP_TO
    return item.score in NEGATIVE_SCORES.get(item.kind, ())


def _data(item, kind: str) -> dict:
    data = {
        "kind": kind,
        "id": item.pk,
        "sentiment": item.sentiment,
        "touchpoint": item.touchpoint_id,
        "stage": item.stage_id,
    }
    if kind == "review":
        data.update(
            grade=item.grade, source=item.source, published_at=item.published_at.isoformat()
        )
    else:
        data.update(
            survey=item.survey_id,
            survey_kind=item.kind,
            score=item.score,
            journey=item.journey_id,
            created_at=item.created_at.isoformat(),
        )
    return data


def announce_negative(items, kind: str) -> None:
    """Queue ``negative_feedback`` for the negative ones of ``items`` (saved answers or
    reviews), sent once the current transaction commits."""
    for item in items:
        if _is_negative(item, kind):
            transaction.on_commit(
                functools.partial(
                    negative_feedback.send_robust,
                    sender=kind,
                    workspace_id=item.workspace_id,
                    data=_data(item, kind),
                )
            )
