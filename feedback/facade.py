"""The face of feedback: what the rest of the product may use of this slice.

Other slices (the map, the customer timeline) import this module, never the slice's insides.

- ``attach_feedback(workspace_id=..., touchpoints=...)``: gives each touchpoint its recent
  feedback (``.feedback``: index, evidence, suggested rating) in a constant number of queries;
  the cards' badge reads it.
- ``touchpoint_feedback(workspace_id=..., touchpoint_ids=...)``: that feedback by touchpoint id
  (the map page fingerprints it to know whether its cached HTML is current).
- ``stage_feedback(workspace_id=..., stage_ids=...)``: recent NPS / CSAT / CES per stage (its own
  answers and its touchpoints'), for snapshots and compare.
- ``touchpoint_nps_between(touchpoint_id=..., start=..., end=...)``: NPS and answers of a
  touchpoint in a time range (an action's measured impact, cjm/evidence).
- ``touchpoint_last_feedback(touchpoint_ids=...)``: when each touchpoint last got feedback
  (the moments-of-truth ledger's freshness).
- ``customer_response_list(...)``: a customer's survey answers, for their timeline.
- ``feedback_received``: a signal sent after commit with the answers and reviews just stored
  on touchpoints (``items``: ``FeedbackItem``, each saying whether it is negative); the
  notifications slice tells the touchpoint's owner of negative ones.
- ``negative_feedback``: a signal sent after the commit of each negative answer or review
  (``feedback/signals.py``; webhooks' ``feedback.negative`` event).
"""

from feedback.selectors.evidence import (
    attach_feedback,
    stage_feedback,
    touchpoint_feedback,
    touchpoint_last_feedback,
    touchpoint_nps_between,
)
from feedback.selectors.lists import customer_response_list
from feedback.signals import FeedbackItem, feedback_received, negative_feedback

__all__ = [
    "FeedbackItem",
    "attach_feedback",
    "customer_response_list",
    "feedback_received",
    "negative_feedback",
    "stage_feedback",
    "touchpoint_feedback",
    "touchpoint_last_feedback",
    "touchpoint_nps_between",
]
