"""Reads of the journeys app, split by noun. Scoping to the user's workspaces happens here."""

from .journeys import (
    journey_get,
    journey_list,
    journey_map_get,
    lane_cell_list,
    lane_get,
    lane_list,
    stage_get,
    stage_list,
)
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
    "lane_cell_list",
    "lane_get",
    "lane_list",
    "member_workspace_ids",
    "membership_list",
    "stage_get",
    "stage_list",
    "team_list",
    "workspace_get",
    "workspace_list",
]
