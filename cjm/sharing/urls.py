"""Pages of sharing, mounted in the ``cjm`` namespace by cjm/web_urls.py."""

from django.urls import path

from . import views

sharing_page_patterns = [
    path("journeys/<int:journey_id>/share/", views.share_panel, name="share_panel"),
    path("share-links/<int:link_id>/revoke/", views.share_link_revoke, name="share_link_revoke"),
    path(
        "journeys/<int:journey_id>/save-as-template/",
        views.template_save,
        name="journey_template_save",
    ),
    path("share/<str:token>/", views.shared_map, name="shared_map"),
]
