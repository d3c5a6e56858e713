"""REST endpoints for events and funnel reports, mounted under /api/v1/ by cjm/urls.py."""

urlpatterns = []
