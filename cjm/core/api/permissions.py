"""Workspace-role permissions for API views.

Querysets come from selectors, which only return objects of the caller's workspaces: an object of
another workspace is a 404 before any permission is checked. For an object that is found, the
caller's role in its workspace decides: reads need ``read_role`` (viewer), writes ``write_role``
(editor by default; admin for members and teams; viewer where the service itself decides, such as
comments and an assignee's status change). Services check roles again: this class only makes a
too-low role fail with 403 before the body is validated.
"""

from django.http import Http404
from rest_framework.permissions import SAFE_METHODS, BasePermission

from cjm.core.permissions import has_role, role_of
from cjm.core.roles import Role


class WorkspaceRolePermission(BasePermission):
    message = "Your role in this workspace does not allow this."

    def has_object_permission(self, request, view, obj) -> bool:
        workspace_id = view.workspace_id_of(obj)
        if request.method in SAFE_METHODS:
            minimum = getattr(view, "read_role", Role.VIEWER)
            if minimum == Role.VIEWER:
                # The selector already limited the queryset to the caller's workspaces.
                return True
        else:
            minimum = getattr(view, "write_role", Role.EDITOR)
        if role_of(request.user, workspace_id) is None:
            raise Http404("No such object.")
        return has_role(request.user, workspace_id, minimum)
