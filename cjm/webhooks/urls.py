"""The webhook settings pages, mounted in the ``cjm`` namespace by cjm/web_urls.py."""

from django.urls import path

from cjm.webhooks import views

webhook_page_patterns = [
    path("w/<int:workspace_id>/webhooks/", views.webhook_list, name="webhook_list"),
    path("webhooks/<int:webhook_id>/", views.webhook_detail, name="webhook_detail"),
    path("webhooks/<int:webhook_id>/ping/", views.webhook_ping, name="webhook_ping"),
    path("webhooks/<int:webhook_id>/toggle/", views.webhook_toggle, name="webhook_toggle"),
    path("webhooks/<int:webhook_id>/delete/", views.webhook_delete, name="webhook_delete"),
]
