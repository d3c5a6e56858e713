"""Security headers of every answer: a Content-Security-Policy (Django 5.2 has none built in).

The policy allows scripts only from our own origin: templates carry no inline script and no
inline event handler (``tests/security/test_headers.py`` checks every template). Styles allow
``'unsafe-inline'``: a few templates size bars and dots with ``style="width: ..%"`` and htmx
adds its indicator style; style injection cannot run code, and moving each computed width to
CSS classes is not worth it (docs/operations.md). ``frame-ancestors 'none'`` matches
``X-Frame-Options: DENY``; a view that must be framed (the share link's embed view) sets
``response.csp_frame_ancestors = "*"`` (or a list of origins). A response that already carries a
``Content-Security-Policy`` header keeps it.

Referrer-Policy and X-Content-Type-Options come from Django's SecurityMiddleware
(``SECURE_REFERRER_POLICY``, ``SECURE_CONTENT_TYPE_NOSNIFF``).
"""

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse

DEFAULT_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data:",
    "font-src": "'self' data:",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def content_security_policy(request: HttpRequest, response: HttpResponse) -> str:
    policy = dict(getattr(settings, "CJM_CONTENT_SECURITY_POLICY", None) or DEFAULT_POLICY)
    try:
        host = request.get_host() if request.META.get("HTTP_HOST") else ""
    except DisallowedHost:
        host = ""
    if host:
        # Live updates: websockets to our own host (older browsers do not count ws: as 'self').
        connect = policy.get("connect-src", "'self'")
        policy["connect-src"] = f"{connect} ws://{host} wss://{host}"
    ancestors = getattr(response, "csp_frame_ancestors", None)
    if ancestors:
        policy["frame-ancestors"] = ancestors if isinstance(ancestors, str) else " ".join(ancestors)
    return "; ".join(f"{name} {value}" for name, value in policy.items())


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if settings.DEBUG and response.status_code >= 500:
            return response  # Django's technical error page (make run) runs inline scripts
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = content_security_policy(request, response)
        return response
