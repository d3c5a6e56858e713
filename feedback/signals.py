"""``negative_feedback``: sent after the commit of each negative survey answer or review, for
other slices (webhooks) to react without reaching into feedback (they connect through
``feedback.facade``).

Negative: the text's sentiment is negative, or the score is at the bad end of its scale (an NPS
detractor, 0-6; a CSAT of 1-2; a review graded 1-2).
"""

import functools

from django.db import transaction
from django.dispatch import Signal

from feedback.choices import Sentiment, SurveyKind
from feedback.metrics import DETRACTOR_UP_TO

#: ``send(sender="response"|"review", workspace_id=..., data={...})``
negative_feedback = Signal()

CSAT_BAD_UP_TO = 2
GRADE_BAD_UP_TO = 2


def _is_negative(item, kind: str) -> bool:
    if item.sentiment == Sentiment.NEGATIVE:
        return True
    if kind == "review":
        return item.grade is not None and item.grade <= GRADE_BAD_UP_TO
    if item.kind == SurveyKind.NPS:
        return item.score <= DETRACTOR_UP_TO
    return item.kind == SurveyKind.CSAT and item.score <= CSAT_BAD_UP_TO


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
