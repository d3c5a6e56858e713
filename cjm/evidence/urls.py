"""The evidence pages, mounted in the ``cjm`` namespace by cjm/web_urls.py."""

from django.urls import path

from cjm.evidence import views

evidence_page_patterns = [
    path("actions/<int:action_id>/impact/", views.action_impact_card, name="action_impact"),
    path(
        "journeys/<int:journey_id>/moments-of-truth/",
        views.moments_of_truth_page,
        name="moments_of_truth",
    ),
]
