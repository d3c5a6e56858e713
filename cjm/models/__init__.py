from cjm.core.tenancy import Membership, Team, Workspace

from .journeys import Journey, Lane, LaneCell, Stage
from .revisions import JourneyRevision

__all__ = [
    "Journey",
    "JourneyRevision",
    "Lane",
    "LaneCell",
    "Membership",
    "Stage",
    "Team",
    "Workspace",
]
