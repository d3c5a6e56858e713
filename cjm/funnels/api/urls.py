"""REST endpoints for events and funnel reports (namespace ``funnels-api``), mounted under
``/api/v1/`` by cjm/api_urls.py; paths as API_CONTRACT.md's "Events and funnels" section."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from cjm.funnels.api.views.customers import CustomerViewSet
from cjm.funnels.api.views.events import (
    EventImportViewSet,
    EventMappingRuleViewSet,
    EventViewSet,
)
from cjm.funnels.api.views.funnels import (
    FunnelReportViewSet,
    JourneyFunnelReportViewSet,
    JourneyManualFunnelViewSet,
    ManualFunnelViewSet,
)

app_name = "funnels-api"

router = SimpleRouter(use_regex_path=False)
router.register("events", EventViewSet, basename="event")
router.register("event-mapping-rules", EventMappingRuleViewSet, basename="eventmappingrule")
router.register("event-imports", EventImportViewSet, basename="eventimport")
router.register("customers", CustomerViewSet, basename="customer")
router.register("funnel-reports", FunnelReportViewSet, basename="funnel-report")
router.register("manual-funnels", ManualFunnelViewSet, basename="manual-funnel")

urlpatterns = [
    path(
        "journeys/<int:journey_id>/funnel-reports/",
        JourneyFunnelReportViewSet.as_view({"get": "list", "post": "create"}),
        name="journey-funnel-report-list",
    ),
    path(
        "journeys/<int:journey_id>/manual-funnels/",
        JourneyManualFunnelViewSet.as_view({"get": "list", "post": "create"}),
        name="journey-manual-funnel-list",
    ),
    *router.urls,
]
