"""Browser pages of a person's own settings (language, API token). They keep their names in the
``cjm`` namespace (``cjm:settings``, ...): cjm/web_urls.py mounts them there."""

from django.urls import path

from cjm.accounts import views

settings_patterns = [
    path("settings/", views.settings_page, name="settings"),
    path("settings/language/", views.language_set, name="language_set"),
    path("settings/token/", views.api_token_new, name="api_token_create"),
    path("settings/token/revoke/", views.api_token_delete, name="api_token_revoke"),
]
