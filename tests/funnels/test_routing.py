"""The contract's event and funnel paths resolve to this API in the project's own URLconf (a
malformed one is the API root's JSON 404: tests/api/test_routing.py)."""

import pytest
from django.urls import resolve

PATHS = {
    "/api/v1/events/bulk/": "EventViewSet",
    "/api/v1/events/track/": "EventViewSet",
    "/api/v1/journeys/7/funnel-reports/": "JourneyFunnelReportViewSet",
    "/api/v1/journeys/7/manual-funnels/": "JourneyManualFunnelViewSet",
    "/api/v1/funnel-reports/7/": "FunnelReportViewSet",
}


@pytest.mark.parametrize(("path", "view"), PATHS.items())
def test_contract_paths_resolve_to_the_funnels_api(path, view):
    match = resolve(path, urlconf="cjm.urls")
    assert match.func.__name__ == view, (
        f"{path} is answered by {match.func.__module__}.{match.func.__name__}: only the "
        "API root's last pattern (cjm/api_urls.py) answers what no slice serves"
    )
