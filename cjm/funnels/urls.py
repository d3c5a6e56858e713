"""Browser pages of events and funnels: funnel reports, manual funnels, customers, event imports
and mapping rules. They keep their names in the ``cjm`` namespace (``cjm:funnel_detail``, ...):
cjm/web_urls.py mounts them there with the journeys' pages."""

from django.urls import path

from cjm.funnels.views import customers, events, funnels, manual_funnels, mapping_rules

funnel_page_patterns = [
    path("journeys/<int:journey_id>/funnel/", funnels.funnel_detail, name="funnel_detail"),
    path("reports/<int:report_id>/", funnels.funnel_report_status, name="funnel_report"),
    path(
        "journeys/<int:journey_id>/funnel/manual/",
        manual_funnels.manual_funnel_create_page,
        name="manual_funnel_create",
    ),
    path(
        "manual-funnels/<int:funnel_id>/",
        manual_funnels.manual_funnel_detail,
        name="manual_funnel_detail",
    ),
    path("reports/<int:report_id>/dropped/", funnels.funnel_dropped, name="funnel_dropped"),
    path("w/<int:workspace_id>/customers/", customers.customer_list_page, name="customer_list"),
    path("customers/<int:customer_id>/", customers.customer_detail, name="customer_detail"),
    path(
        "w/<int:workspace_id>/events/import/",
        events.event_import_list_page,
        name="event_import_list",
    ),
    path("imports/<int:import_id>/", events.event_import_detail, name="event_import_detail"),
    path("w/<int:workspace_id>/events/mapping/", events.event_mapping_page, name="event_mapping"),
    path(
        "journeys/<int:journey_id>/events/sample.csv",
        events.event_import_sample,
        name="event_import_sample",
    ),
    path(
        "w/<int:workspace_id>/events/mapping/new/",
        mapping_rules.event_mapping_rule_create_page,
        name="event_mapping_rule_create",
    ),
    path(
        "mapping-rules/<int:rule_id>/",
        mapping_rules.event_mapping_rule_edit_page,
        name="event_mapping_rule_edit",
    ),
    path(
        "mapping-rules/<int:rule_id>/delete/",
        mapping_rules.event_mapping_rule_delete_page,
        name="event_mapping_rule_delete",
    ),
]
