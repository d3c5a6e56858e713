"""Small helpers shared by the workspace pages (journey list, register, my work, personas).

- ``render_page``: the full page, or only its partial when htmx asks (STYLE.md: one URL per
  resource).
- ``workspace_page``: the workspace of a page (404 for non-members), marked on the request for
  the top bar, with the caller's right to edit.
- ``add_service_errors``: a service's ``ValidationError`` shown on the form, in place.
- ``stale_message``: what to say when someone else changed the row meanwhile.
"""

from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from cjm.core.display import display_name
from cjm.core.permissions import has_role
from cjm.core.roles import Role
from cjm.core.scoping import workspace_get

INVALID = 400
CONFLICT = 409


def render_page(
    request: HttpRequest, template: str, partial: str, context: dict, status: int = 200
) -> HttpResponse:
    return render(request, partial if request.htmx else template, context, status=status)


def workspace_page(request: HttpRequest, workspace_id: int) -> dict:
    workspace = workspace_get(user=request.user, pk=workspace_id)
    return page_of(request, workspace)


def page_of(request: HttpRequest, workspace) -> dict:
    request.workspace = workspace
    return {
        "workspace": workspace,
        "can_edit": has_role(request.user, workspace.pk, Role.EDITOR),
    }


def add_service_errors(form: Form, error: ValidationError) -> None:
    """Attach a service's validation error to the form: to its field where the form has it."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def stale_message(current) -> str:
    """Someone else saved the row after the user opened the form: who and when."""
    who = display_name(getattr(current, "updated_by", None))
    when = formats.date_format(timezone.localtime(current.updated_at), "SHORT_DATETIME_FORMAT")
    if who:
        return _(
            "%(who)s changed this at %(when)s, after you opened the form. "
            "Reload the page to see their version, then make your change again."
        ) % {"who": who, "when": when}
    return _(
        "This was changed at %(when)s, after you opened the form. "
        "Reload the page to see the new version, then make your change again."
    ) % {"when": when}
