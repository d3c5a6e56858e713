"""The project's URLs with the events and funnels API first.

cjm/api/urls.py answers every unknown path under ``/api/v1/journeys/`` with a JSON 404, and it
is included before the funnels API, so ``journeys/{id}/funnel-reports/`` (API_CONTRACT.md) only
resolves once that catch-all leaves these paths alone. The API tests use this URLconf so they
test the views; test_routing.py checks the real URLconf and fails until the order is fixed.
"""

from django.urls import include, path

from cjm import urls as project_urls

urlpatterns = [
    path("api/v1/", include("cjm.funnels.api.urls")),
    *(
        pattern
        for pattern in project_urls.urlpatterns
        if getattr(pattern, "urlconf_name", None).__class__.__name__ != "module"
        or pattern.urlconf_name.__name__ != "cjm.funnels.api.urls"
    ),
]
