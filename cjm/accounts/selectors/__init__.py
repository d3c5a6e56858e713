"""Reads of the members of a workspace and of a user's own settings."""

from .users import api_token_get, user_language_get
from .workspaces import membership_list

__all__ = [
    "api_token_get",
    "membership_list",
    "user_language_get",
]
