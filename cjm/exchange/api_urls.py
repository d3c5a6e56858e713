"""The exchange slice's API endpoints (mounted by cjm/api_urls.py as ``exchange-api``)."""

from django.urls import path

from . import api

app_name = "exchange-api"

urlpatterns = [
    path("journeys/<int:pk>/export/", api.JourneyExportView.as_view(), name="journey-export"),
    path("schemas/journey.v1.json", api.JourneySchemaView.as_view(), name="journey-schema"),
    path(
        "workspaces/<int:pk>/journey-imports/",
        api.JourneyImportView.as_view(),
        name="journey-import",
    ),
]
