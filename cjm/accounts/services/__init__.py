"""Writes of workspaces, members and teams, and of a user's own settings."""

from .invitations import (
    InvitationGone,
    invitation_accept,
    invitation_create,
    invitation_resend,
    invitation_revoke,
    invitation_signup,
    user_signup,
)
from .users import api_token_create, api_token_obtain, api_token_revoke, user_language_set
from .workspaces import (
    TEAM_FIELDS,
    membership_remove,
    membership_set,
    team_create,
    team_delete,
    team_member_add,
    team_member_remove,
    team_update,
    workspace_create,
    workspace_update,
)

__all__ = [
    "InvitationGone",
    "invitation_accept",
    "invitation_create",
    "invitation_resend",
    "invitation_revoke",
    "invitation_signup",
    "team_member_add",
    "team_member_remove",
    "user_signup",
    "TEAM_FIELDS",
    "api_token_create",
    "api_token_obtain",
    "api_token_revoke",
    "membership_remove",
    "membership_set",
    "team_create",
    "team_delete",
    "team_update",
    "user_language_set",
    "workspace_create",
    "workspace_update",
]
