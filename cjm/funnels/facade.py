"""The face of events and funnels: what the rest of the product may use of this slice.

Other slices (the map, the demo) import this module, never the slice's insides; an import
contract in ``make lint`` keeps it so. Anything added here is a promise to the rest of the code:
keep the list short.

- ``stage_metrics_latest(journey=...)``: per stage, the figures of the latest finished report of
  the whole audience, the worst stage marked (the map's metrics lane).
- ``funnel_figures_latest(journey=...)``: the same report's figures per stage and its exit
  touchpoints, JSON-ready (what a snapshot freezes).
- ``exit_touchpoints_latest(journey=...)``: the exit touchpoints of that same report and when it
  finished (the moments-of-truth ledger).
- ``latest_report_times(journey_ids=...)``: when each journey's latest such report finished.
- ``funnel_report_request(...)``: ask for a report; a background job computes it.
- ``events_bulk_ingest(...)`` / ``EventRowsInvalid``: store a batch of events, all or nothing.
- ``steps_of(rows)``: a journey's stages in the report's order with their steps, from
  (stage id, step, is_optional) rows in position order.
- ``window_progress(...)``: each customer's progress in a report over exactly [start, end)
  (the measured impact of an action).
"""

from cjm.funnels.engine_python import window_progress
from cjm.funnels.selectors.funnels import (
    exit_touchpoints_latest,
    funnel_figures_latest,
    latest_report_times,
    stage_metrics_latest,
)
from cjm.funnels.services.events import EventRowsInvalid, events_bulk_ingest
from cjm.funnels.services.funnels import funnel_report_request
from cjm.funnels.spec import steps_of

__all__ = [
    "EventRowsInvalid",
    "events_bulk_ingest",
    "funnel_figures_latest",
    "exit_touchpoints_latest",
    "funnel_report_request",
    "latest_report_times",
    "stage_metrics_latest",
    "steps_of",
    "window_progress",
]
