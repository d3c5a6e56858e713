from django.http import HttpRequest

from cjm.core.scoping import workspace_list


def workspace(request: HttpRequest) -> dict:
    """The workspace the page is about (set by workspace-scoped views) and the user's others."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "current_workspace": getattr(request, "workspace", None),
        "user_workspaces": workspace_list(user=user),
    }
