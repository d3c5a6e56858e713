"""Views of the API itself (not of a resource)."""

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt  # an API URL: no session form posts here, and a 404 must stay JSON
def not_found(request, *args, **kwargs) -> JsonResponse:
    """Anything under ``/api/`` that no endpoint answers: a malformed id
    (``/api/v1/touchpoints/abc/``), a typo, a path with a newline. Always JSON, never the
    site's HTML page."""
    return JsonResponse({"detail": "Not found."}, status=404)
