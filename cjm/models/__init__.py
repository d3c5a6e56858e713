from cjm.core.tenancy import Membership, Team, Workspace

from .journeys import Journey, Lane, LaneCell, Stage

__all__ = [
    "Journey",
    "Lane",
    "LaneCell",
    "Membership",
    "Stage",
    "Team",
    "Workspace",
]
