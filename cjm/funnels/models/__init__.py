"""Models of events and funnels. Their app label stays ``cjm`` (tables and migrations unchanged)."""

from .events import (
    Customer,
    Event,
    EventImport,
    EventMappingRule,
    UnmappedEvent,
)
from .funnels import (
    FunnelDefinition,
    FunnelProgress,
    FunnelReport,
    ManualFunnel,
    ManualFunnelCount,
)

__all__ = [
    "Customer",
    "Event",
    "EventImport",
    "EventMappingRule",
    "FunnelDefinition",
    "FunnelProgress",
    "FunnelReport",
    "ManualFunnel",
    "ManualFunnelCount",
    "UnmappedEvent",
]
