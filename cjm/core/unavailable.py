"""The 500 handler: "briefly unavailable" (503) while PostgreSQL or the job broker is out of
reach, wherever the error came from (a view queuing a job while Redis is down, a middleware
loading the session while PostgreSQL restarts); Django's own 500 page otherwise. The API's
exception handler answers the API the same way (cjm/core/api/exceptions.py).

Nothing was stored: the request's transaction did not commit, and a job the broker refused is
marked failed by the service that asked for it. The page is drawn without the database (no
workspace menu, no user) and says when to try again (``Retry-After``); an htmx request gets the
same status, which the editor's script turns into its error line."""

import sys

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.views import defaults

from cjm.core.exceptions import out_of_reach

RETRY_AFTER_SECONDS = 5


def server_error(request: HttpRequest) -> HttpResponse:
    error = sys.exc_info()[1]
    if error is None or not out_of_reach(error):
        return defaults.server_error(request)
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
