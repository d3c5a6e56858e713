from .journeys import Journey, Lane, LaneCell, Stage
from .workspaces import Membership, Team, Workspace

__all__ = ["Journey", "Lane", "LaneCell", "Membership", "Stage", "Team", "Workspace"]
