"""Reads of the journeys app, split by noun. Scoping to the user's workspaces happens here."""

from .journeys import journey_get, journey_list, journey_map_get, lane_get, stage_get
from .workspaces import (
    member_workspace_ids,
    membership_list,
    team_list,
    workspace_get,
    workspace_list,
)

__all__ = [
    "journey_get",
    "journey_list",
    "journey_map_get",
    "lane_get",
    "member_workspace_ids",
    "membership_list",
    "stage_get",
    "team_list",
    "workspace_get",
    "workspace_list",
]
