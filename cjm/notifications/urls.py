"""Notification pages (namespace ``notifications``), mounted by cjm/web_urls.py."""

from django.urls import path

from cjm.notifications import views

app_name = "notifications"

urlpatterns = [
    path("notifications/", views.notification_page, name="list"),
    path("notifications/bell/", views.bell, name="bell"),
    path("notifications/read-all/", views.notification_read_all, name="read_all"),
    path("notifications/<int:notification_id>/read/", views.notification_read, name="read"),
    path("notifications/<int:notification_id>/open/", views.notification_open, name="open"),
    path("settings/notifications/", views.preferences_page, name="preferences"),
    path("w/<int:workspace_id>/members/search/", views.member_search, name="member_search"),
]
