"""Browser URLs of map exports, in the ``cjm`` namespace (cjm/web_urls.py mounts them)."""

from django.urls import path

from . import views

export_page_patterns = [
    path("journeys/<int:journey_id>/exports/", views.export_panel, name="export_panel"),
    path("exports/<int:render_id>/download/", views.export_download, name="export_download"),
]
