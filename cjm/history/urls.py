"""The audit log's pages, mounted in the ``cjm`` namespace by cjm/web_urls.py."""

from django.urls import path

from cjm.history import views

history_page_patterns = [
    path("w/<int:workspace_id>/activity/", views.activity, name="activity"),
    path(
        "history/<slug:object_type>/<int:object_id>/",
        views.object_history,
        name="object_history",
    ),
    path("changes/<int:record_id>/restore/", views.change_restore, name="change_restore"),
]
