"""Browser URLs of the exchange slice (in the ``cjm`` namespace, mounted by cjm/web_urls.py)."""

from django.urls import path

from . import views

exchange_page_patterns = [
    path(
        "journeys/<int:journey_id>/export.<str:fmt>",
        views.journey_export,
        name="journey_export",
    ),
    path("w/<int:workspace_id>/journeys/import/", views.journey_import, name="journey_import"),
    path(
        "w/<int:workspace_id>/touchpoints/export.xlsx",
        views.register_xlsx,
        name="touchpoint_export_xlsx",
    ),
]
