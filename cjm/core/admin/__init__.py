"""Workspace scoping and service-backed writes for the Django admin.

Who sees what. Superusers see everything. Any other active staff user administers exactly the
workspaces where they are a member with the *admin* role (``cjm.Membership``): list pages, change
pages, foreign-key choices and the workspace filter show only those workspaces' rows, and an object
of another workspace is neither viewable, changeable nor deletable (its change page redirects to
the admin index with "doesn't exist", because ``get_object`` goes through the scoped queryset).
Django's per-model permissions are not consulted for the domain models: the workspace role is the
one source of truth (``cjm.core.permissions``).

Writes. The admins call the services (STYLE.md) with ``admin_actor`` as the actor: the user
themself when their role allows the write, or ``None`` (the system) for a superuser who is not a
member, since the admin has already checked their permission. A service's ``ValidationError``
(a rule the form could not see, such as a race) rolls the whole save back and comes back as an
error message instead of a 500.
"""

from .options import ScopedStackedInline, ScopedTabularInline, WorkspaceScopedAdmin
from .scoping import (
    WORKSPACE_PATHS,
    ScopedModelForm,
    WorkspaceListFilter,
    admin_workspace_ids,
    forget_admin_workspaces,
    scope,
    workspace_ids_of,
)
from .writes import (
    actor_for,
    admin_actor,
    admin_note,
    adopt,
    changes_of,
    fields_of,
    save_formset_with,
)

__all__ = [
    "WORKSPACE_PATHS",
    "ScopedModelForm",
    "ScopedStackedInline",
    "ScopedTabularInline",
    "WorkspaceListFilter",
    "WorkspaceScopedAdmin",
    "actor_for",
    "admin_actor",
    "admin_note",
    "admin_workspace_ids",
    "adopt",
    "changes_of",
    "fields_of",
    "forget_admin_workspaces",
    "save_formset_with",
    "scope",
    "workspace_ids_of",
]
