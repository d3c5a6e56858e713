"""Reads of the journeys app, split by noun. Scoping to the user's workspaces is
``cjm.core.scoping`` (re-exported here for older imports)."""

from cjm.core.scoping import member_workspace_ids, workspace_get, workspace_list

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

__all__ = [
    "journey_get",
    "journey_list",
    "journey_map_get",
    "lane_cell_list",
    "lane_get",
    "lane_list",
    "member_workspace_ids",
    "stage_get",
    "stage_list",
    "workspace_get",
    "workspace_list",
]
