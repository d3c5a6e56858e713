"""Writes of events and funnels, split by noun."""

from .events import (
    EventRowsInvalid,
    IngestResult,
    customer_update,
    event_import_run,
    event_import_start,
    event_mapping_rule_create,
    event_mapping_rule_delete,
    event_mapping_rule_update,
    events_bulk_ingest,
    events_import_file,
    events_track,
    unmapped_events_map,
)
from .funnels import (
    funnel_report_fail,
    funnel_report_request,
    funnel_report_run,
    funnel_reports_refresh_standard,
    manual_funnel_create,
    manual_funnel_delete,
    manual_funnel_update,
)

__all__ = [
    "EventRowsInvalid",
    "IngestResult",
    "customer_update",
    "event_import_run",
    "event_import_start",
    "event_mapping_rule_create",
    "event_mapping_rule_delete",
    "event_mapping_rule_update",
    "events_bulk_ingest",
    "events_import_file",
    "events_track",
    "funnel_report_fail",
    "funnel_report_request",
    "funnel_report_run",
    "funnel_reports_refresh_standard",
    "manual_funnel_create",
    "manual_funnel_delete",
    "manual_funnel_update",
    "unmapped_events_map",
]
