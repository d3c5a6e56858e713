"""The project's URLs: the browser pages of every slice, the admin, and the REST API's one
root (cjm/api_urls.py: every slice's endpoints under /api/v1/, one JSON 404 under /api/)."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("cjm.api_urls")),
    # Browser pages: sign-in, workspace home, maps and the journeys' editor, funnels, settings
    # (cjm/web_urls.py), then the other slices' pages.
    path("", include("cjm.web_urls")),
    path("", include("touchpoints.urls")),
    path("", include("personas.urls")),
    path("", include("feedback.urls")),
]

# A database or broker out of reach is a 503 page, not a 500 (cjm/core/unavailable.py).
handler500 = "cjm.core.unavailable.server_error"
