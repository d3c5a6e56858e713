"""Workspace membership and roles: the one place that decides who may do what.

A user who is not a member of a workspace gets 404 for everything in it (never 403: we do not
reveal that it exists); a member whose role is too low gets 403.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from cjm.core.roles import ROLE_RANK, Role
from cjm.core.tenancy import Membership
from cjm.core.typing import Actor, Reader


def role_of(user: Reader, workspace_id: int) -> str | None:
    """The user's role in the workspace, or None when not a member (cached on the user object)."""
    if user is None or not user.is_authenticated:
        return None
    cache = user.__dict__.setdefault("_workspace_roles", {})
    if workspace_id not in cache:
        cache[workspace_id] = (
            Membership.objects.filter(user=user, workspace_id=workspace_id)
            .values_list("role", flat=True)
            .first()
        )
    return cache[workspace_id]


def has_role(user: Reader, workspace_id: int, minimum: str) -> bool:
    role = role_of(user, workspace_id)
    return role is not None and ROLE_RANK[role] >= ROLE_RANK[minimum]


def require_role(actor: Actor, workspace_id: int, minimum: str = Role.VIEWER) -> None:
    """Raise 404 for non-members and 403 for a role below ``minimum``.

    ``actor=None`` is the system itself (management commands, Celery tasks, migrations).
    """
    if actor is None:
        return
    role = role_of(actor, workspace_id)
    if role is None:
        raise Http404("No such object.")
    if ROLE_RANK[role] < ROLE_RANK[minimum]:
        raise PermissionDenied("Your role in this workspace does not allow this.")


def forget_roles(user: Reader) -> None:
    """Drop the per-object role cache after memberships change."""
    if user is not None:
        user.__dict__.pop("_workspace_roles", None)
