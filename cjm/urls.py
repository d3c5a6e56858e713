from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    # Browser pages (login, workspace home, maps): cjm/views.py
    path("", include("cjm.web_urls")),
    path("", include("touchpoints.urls")),
    path("", include("personas.urls")),
    # REST API v1 and its schema: cjm/api/urls.py; events and funnels: cjm/funnels/api/urls.py
    # (first: cjm/api/urls.py ends with a catch-all 404 under journeys/ and the other prefixes)
    path("api/v1/", include("cjm.funnels.api.urls")),
    path("", include("cjm.api.urls")),
    # Feedback: surveys, public answer pages, reviews (feedback/urls.py, feedback/api/urls.py)
    path("", include("feedback.urls")),
    path("api/v1/", include("feedback.api.urls")),
]
