"""Reads for the members of a workspace (what workspaces and teams a user sees is
``cjm.core.scoping``: every slice needs it)."""

from django.db.models import QuerySet

from cjm.core.tenancy import Membership, Workspace


def membership_list(*, workspace: Workspace) -> QuerySet[Membership]:
    return workspace.memberships.select_related("user").order_by("user__username")
