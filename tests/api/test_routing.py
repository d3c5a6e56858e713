"""One API root: every slice's endpoints under /api/v1/, one JSON 404 for anything else under
/api/, whatever order the slices are mounted in."""

import types

import pytest
from django.urls import include, path, resolve

from cjm import api_urls

# One endpoint of each slice, by the view that must answer it.
PATHS = {
    "/api/v1/journeys/7/": "JourneyViewSet",
    "/api/v1/workspaces/7/members/": "MemberViewSet",
    "/api/v1/auth/token/": "TokenObtainView",
    "/api/v1/personas/": "PersonaViewSet",
    "/api/v1/touchpoints/7/": "TouchpointViewSet",
    "/api/v1/journeys/7/funnel-reports/": "JourneyFunnelReportViewSet",
    "/api/v1/events/bulk/": "EventViewSet",
    "/api/v1/surveys/7/": "SurveyViewSet",
}


def view_of(route: str, urlconf=None) -> str:
    func = resolve(route, urlconf=urlconf).func
    return (getattr(func, "cls", None) or getattr(func, "view_class", func)).__name__


@pytest.mark.parametrize(("path", "view"), PATHS.items())
def test_each_slice_answers_its_own_paths(path, view):
    assert view_of(path) == view


def test_the_order_of_the_slices_does_not_matter():
    """Mounted in reverse order, every path still reaches the same view."""
    slices = reversed(list(api_urls.SLICES))
    reversed_v1 = [path("", api_urls.slice_urls(namespace)) for namespace in slices]
    urlconf = types.ModuleType("reversed_api_urls")
    urlconf.urlpatterns = [
        path("api/", include([path("v1/", include(reversed_v1)), *api_urls.urlpatterns[1:]]))
    ]
    for route, view in PATHS.items():
        assert view_of(route, urlconf) == view, route


@pytest.mark.parametrize(
    "path",
    [
        "/api/",
        "/api/v2/journeys/",
        "/api/v1/",
        "/api/v1/no-such-thing/",
        "/api/v1/journeys/abc/",
        "/api/v1/touchpoints/7/nothing/",
        "/api/v1/surveys/abc/",
        "/api/v1/events/abc/",
        "/api/v1/workspaces/7/members/x/",
        "/api/v1/personas/ann\n/",
        "/api/v1/funnel-reports/x/",
        "/api/v1/manual-funnels/1/nothing/",
        "/api/v1/customers/ann\n/timeline/",
        "/api/v1/event-imports/%20/",
    ],
)
@pytest.mark.django_db
def test_anything_else_under_api_is_one_json_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}


@pytest.mark.django_db
def test_pages_outside_api_keep_the_sites_404(client, editor):
    client.force_login(editor)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
