"""Writes of the journeys app, split by noun.

Every write validates (``full_clean``), runs in one transaction, checks the actor's role
(``actor=None`` is the system: commands, tasks) and bumps the row's version.
"""

from .copies import journey_copy
from .journeys import JOURNEY_FIELDS, journey_create, journey_delete, journey_update
from .lanes import (
    LANE_FIELDS,
    lane_cell_set,
    lane_create,
    lane_delete,
    lane_move,
    lane_update,
)
from .stages import STAGE_FIELDS, stage_create, stage_delete, stage_move, stage_update
from .steps import (
    stage_branch_create,
    stage_step_join,
    stage_step_leave,
    step_move,
    step_optional_set,
)

__all__ = [
    "stage_branch_create",
    "stage_step_join",
    "stage_step_leave",
    "step_move",
    "step_optional_set",
    "JOURNEY_FIELDS",
    "LANE_FIELDS",
    "STAGE_FIELDS",
    "journey_copy",
    "journey_create",
    "journey_delete",
    "journey_update",
    "lane_cell_set",
    "lane_create",
    "lane_delete",
    "lane_move",
    "lane_update",
    "stage_create",
    "stage_delete",
    "stage_move",
    "stage_update",
]
