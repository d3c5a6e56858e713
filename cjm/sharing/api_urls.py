"""Endpoints of sharing, mounted under ``/api/v1/`` in the ``sharing-api`` namespace by
cjm/api_urls.py."""

from django.urls import path

from . import api

app_name = "sharing-api"

urlpatterns = [
    path(
        "journeys/<int:journey_id>/share-links/",
        api.ShareLinkListView.as_view(),
        name="share-link-list",
    ),
    path("share-links/<int:pk>/", api.ShareLinkDetailView.as_view(), name="share-link-detail"),
    path("templates/", api.TemplateListView.as_view(), name="template-list"),
    path(
        "journeys/<int:journey_id>/save-as-template/",
        api.TemplateSaveView.as_view(),
        name="journey-save-as-template",
    ),
]
