"""Reads of events and funnels, scoped to the user's workspaces."""

from .events import (
    customer_get,
    customer_list,
    customer_search,
    customer_timeline,
    event_import_get,
    event_import_list,
    event_list,
    event_mapping_rule_get,
    event_mapping_rule_list,
    events_of_customer,
    unmapped_event_list,
    unmapped_event_summary,
)
from .funnels import (
    funnel_report_get,
    funnel_report_latest,
    funnel_report_list,
    funnel_trend,
    funnel_view,
)
from .manual_funnels import manual_funnel_get, manual_funnel_list, manual_funnel_result
from .progress import funnel_breakdown, funnel_dropped_customers, funnel_dropped_customers_csv

__all__ = [
    "customer_get",
    "customer_list",
    "customer_search",
    "customer_timeline",
    "event_import_get",
    "event_import_list",
    "event_list",
    "event_mapping_rule_get",
    "event_mapping_rule_list",
    "events_of_customer",
    "funnel_breakdown",
    "funnel_dropped_customers",
    "funnel_dropped_customers_csv",
    "funnel_report_get",
    "funnel_report_latest",
    "funnel_report_list",
    "funnel_trend",
    "funnel_view",
    "manual_funnel_get",
    "manual_funnel_list",
    "manual_funnel_result",
    "unmapped_event_list",
    "unmapped_event_summary",
]
