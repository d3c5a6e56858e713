"""REST endpoints for surveys, responses and reviews, mounted under /api/v1/."""

urlpatterns = []
