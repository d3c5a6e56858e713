"""Shared plumbing of the map editor's htmx endpoints (the journeys' and the touchpoints' views).

- ``require_editor`` refuses viewers (403) before an edit form is even shown; services refuse
  their writes too.
- ``form_errors_from`` turns a service's ``ValidationError`` into form errors rendered in place
  (HTTP 422; the editor's JavaScript tells htmx to swap 4xx answers of the editor).
- ``conflict`` answers a stale edit (``StaleVersionError``) with HTTP 409 and a message naming
  who changed the row and when, retargeted to the editor's alert region, with a reload button.
- ``done`` answers a successful write: the partial for htmx, a redirect to the map otherwise
  (the forms also work without JavaScript).
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from cjm.core.display import display_name
from cjm.core.exceptions import StaleVersionError
from cjm.core.pages import add_service_errors
from cjm.core.permissions import require_role
from cjm.core.roles import Role

INVALID = 422
CONFLICT = 409
ALERT_TARGET = "#editor-alert"


def require_editor(user, workspace_id: int) -> None:
    """404 for non-members, 403 for viewers (the same rule the services apply)."""
    require_role(user, workspace_id, Role.EDITOR)


# A service's ValidationError shown on the form, in place (the same rule as the pages').
form_errors_from = add_service_errors


def render_partial(request: HttpRequest, template: str, context: dict, status: int = 200):
    return render(request, template, context, status=status)


def invalid(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    """The form again with its errors, in place (422: htmx swaps it, see static/js/editor.js)."""
    return render(request, template, context, status=INVALID)


def conflict(request: HttpRequest, error: StaleVersionError) -> HttpResponse:
    """409 with who changed the row meanwhile and when; the client is offered a reload."""
    current = error.current
    context = {
        "changed_by": display_name(getattr(current, "updated_by", None)),
        "changed_at": getattr(current, "updated_at", None),
        "object_label": current._meta.verbose_name,
        "object_name": str(current),
        "current_version": getattr(current, "version", None),
        "reload_url": request.headers.get("HX-Current-URL") or request.path,
    }
    response = render(request, "cjm/partials/_conflict.html", context, status=CONFLICT)
    response["HX-Retarget"] = ALERT_TARGET
    response["HX-Reswap"] = "innerHTML"
    return response


def handles_conflicts(view):
    """Answer StaleVersionError raised anywhere in the view with the 409 conflict message."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except StaleVersionError as error:
            return conflict(request, error)

    return wrapper


def editor_view(methods: list[str]):
    """Login required (redirect to the sign-in page), allowed methods, conflicts answered."""

    def decorate(view):
        return login_required(require_http_methods(methods)(handles_conflicts(view)))

    return decorate


def done(request: HttpRequest, template: str, context: dict, fallback_url: str) -> HttpResponse:
    """After a successful write: the fresh partial for htmx, else back to the map page."""
    if request.htmx:
        return render(request, template, context)
    return redirect(fallback_url)


def int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
