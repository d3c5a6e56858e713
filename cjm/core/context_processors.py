from django.http import HttpRequest


def workspace(request: HttpRequest) -> dict:
    """The workspace the page is about (set by workspace-scoped views) and the user's others."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from cjm.selectors import workspace_list

    return {
        "current_workspace": getattr(request, "workspace", None),
        "user_workspaces": workspace_list(user=user),
    }
