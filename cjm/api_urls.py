"""The REST API's one root, mounted once at ``api/`` by cjm/urls.py.

- ``/api/v1/``: every slice's endpoints, each slice's router under its own URL namespace
  (``reverse("touchpoints-api:touchpoint-list")``): ``cjm-api`` (journeys, stages, lanes, cells;
  workspaces, members, teams, the token), ``personas-api``, ``touchpoints-api``,
  ``funnels-api`` (events, customers, funnel reports), ``feedback-api``,
  ``notifications-api``, ``renders-api`` (map exports as PDF/PNG), ``webhooks-api``,
  ``exchange-api``, ``sharing-api`` (share links, map templates), ``snapshots-api``
  (snapshots, compare), ``history-api`` (the audit log, ``changes/``) and ``evidence-api`` (an
  action's measured impact, a journey's moments of truth).
- ``/api/schema/``: the OpenAPI 3 schema; ``/api/docs/``: Swagger UI (its set-up script a file of
  its own, no inline script: the Content-Security-Policy allows none). Both are public on
  purpose: they describe the API's shape, never data (docs/operations.md).
- Anything else under ``/api/`` is one JSON 404 (``cjm.core.api.views.not_found``).

Every path belongs to exactly one slice and the 404 comes last, so the order of the slices
does not matter.
"""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from cjm.accounts.api.urls import urlpatterns as account_endpoints
from cjm.api.urls import urlpatterns as journey_endpoints
from cjm.core.api.views import not_found

# Each slice's endpoints under its URL namespace.
SLICES = {
    "cjm-api": [*journey_endpoints, *account_endpoints],
    "personas-api": "personas.api.urls",
    "touchpoints-api": "touchpoints.api.urls",
    "funnels-api": "cjm.funnels.api.urls",
    "feedback-api": "feedback.api.urls",
    "exchange-api": "cjm.exchange.api_urls",
    "notifications-api": "cjm.notifications.api.urls",
    "renders-api": "cjm.renders.api",
    "webhooks-api": "cjm.webhooks.api.urls",
    "sharing-api": "cjm.sharing.api_urls",
    "snapshots-api": "cjm.snapshots.api_urls",
    "history-api": "cjm.history.api.urls",
    "evidence-api": "cjm.evidence.api.urls",
}


def slice_urls(namespace: str):
    """``include()`` of one slice's endpoints under its namespace."""
    urls = SLICES[namespace]
    return include(urls) if isinstance(urls, str) else include((urls, namespace))


v1_patterns = [path("", slice_urls(namespace)) for namespace in SLICES]


class ApiDocsView(SpectacularSwaggerSplitView):
    """Swagger UI. Only GET: its HTML renderer has no template for DRF's OPTIONS metadata
    (OPTIONS answered 500, found by the authorization walk)."""

    http_method_names = ["get", "head"]


urlpatterns = [
    path("v1/", include(v1_patterns)),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", ApiDocsView.as_view(url_name="api-schema"), name="api-docs"),
    re_path(r"^[\s\S]*\Z", not_found),
]
