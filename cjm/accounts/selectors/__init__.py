"""Reads of workspaces, members and teams, and of a user's own settings."""

from .users import api_token_get, user_language_get
from .workspaces import (
    member_workspace_ids,
    membership_list,
    team_list,
    workspace_get,
    workspace_list,
)

__all__ = [
    "api_token_get",
    "member_workspace_ids",
    "membership_list",
    "team_list",
    "user_language_get",
    "workspace_get",
    "workspace_list",
]
