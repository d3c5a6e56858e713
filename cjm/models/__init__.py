from .events import Customer, Event, EventImport, EventMappingRule, UnmappedEvent
from .funnels import (
    FunnelDefinition,
    FunnelProgress,
    FunnelReport,
    ManualFunnel,
    ManualFunnelCount,
)
from .journeys import Journey, Lane, LaneCell, Stage
from .preferences import UserPreference
from .revisions import JourneyRevision
from .workspaces import Membership, Team, Workspace

__all__ = [
    "Customer",
    "Event",
    "EventImport",
    "EventMappingRule",
    "FunnelDefinition",
    "FunnelProgress",
    "FunnelReport",
    "Journey",
    "JourneyRevision",
    "Lane",
    "LaneCell",
    "ManualFunnel",
    "ManualFunnelCount",
    "Membership",
    "Stage",
    "Team",
    "UnmappedEvent",
    "UserPreference",
    "Workspace",
]
