"""Helpers of the workspace pages of the feedback app."""

from django.core.exceptions import NON_FIELD_ERRORS
from django.http import HttpRequest

from cjm.core.exceptions import NON_FIELD_KEY
from cjm.core.permissions import has_role, require_role
from cjm.core.roles import Role
from cjm.core.scoping import workspace_get
from feedback.selectors import feedback_settings_for


def workspace_context(request: HttpRequest, workspace_id: int, tab: str) -> dict:
    """The workspace (404 for non-members), marked on the request for the top bar, and what
    every feedback page shows: the tab, the caller's right to edit, the fatigue rule."""
    workspace = workspace_get(user=request.user, pk=workspace_id)
    request.workspace = workspace
    return {
        "workspace": workspace,
        "tab": tab,
        "can_edit": has_role(request.user, workspace.pk, Role.EDITOR),
        "feedback_settings": feedback_settings_for(workspace.pk),
    }


def editor_context(request: HttpRequest, workspace_id: int, tab: str) -> dict:
    """``workspace_context`` for pages that only editors may open (403 for viewers)."""
    context = workspace_context(request, workspace_id, tab)
    require_role(request.user, workspace_id, Role.EDITOR)
    return context


# The keys of errors that belong to no one field (Django's, and the API's bulk rows').
NOT_A_FIELD = {NON_FIELD_ERRORS, NON_FIELD_KEY}


def error_list(exc) -> list[str]:
    """All messages of a Django ValidationError, each prefixed by its field."""
    if hasattr(exc, "error_dict"):
        return [
            (message if field in NOT_A_FIELD else f"{field}: {message}")
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    return list(exc.messages)


def add_service_errors(form, exc) -> None:
    """Put a service's ValidationError onto the form's fields (or the form itself)."""
    if not hasattr(exc, "error_dict"):
        for message in exc.messages:
            form.add_error(None, message)
        return
    for field, messages in exc.message_dict.items():
        target = field if field in form.fields else None
        for message in messages:
            form.add_error(target, message if target else f"{field}: {message}")
