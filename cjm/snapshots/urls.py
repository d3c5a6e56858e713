"""Pages of snapshots and compare, mounted in the ``cjm`` namespace by cjm/web_urls.py."""

from django.urls import path

from . import views

snapshot_page_patterns = [
    path("journeys/<int:journey_id>/snapshots/", views.snapshot_list_page, name="snapshot_list"),
    path("snapshots/<int:snapshot_id>/", views.snapshot_detail, name="snapshot_detail"),
    path("snapshots/<int:snapshot_id>/delete/", views.snapshot_delete, name="snapshot_delete"),
    path("journeys/<int:journey_id>/compare/", views.compare_page, name="journey_compare"),
    path("journeys/<int:journey_id>/to-be-curve/", views.tobe_curve, name="tobe_curve"),
]
