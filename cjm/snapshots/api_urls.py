"""Endpoints of snapshots and compare, mounted under ``/api/v1/`` in the ``snapshots-api``
namespace by cjm/api_urls.py."""

from django.urls import path

from . import api

app_name = "snapshots-api"

urlpatterns = [
    path(
        "journeys/<int:journey_id>/snapshots/",
        api.SnapshotListView.as_view(),
        name="snapshot-list",
    ),
    path("snapshots/<int:pk>/", api.SnapshotDetailView.as_view(), name="snapshot-detail"),
    path("journeys/<int:journey_id>/compare/", api.CompareView.as_view(), name="compare"),
]
