"""Browser pages of the journeys app, split by page: ``pages`` (home, workspace home, map)."""

from .pages import (
    build_map_grid,
    display_name,
    emotion_segments,
    home,
    initials,
    journey_detail,
    workspace_detail,
)

__all__ = [
    "build_map_grid",
    "display_name",
    "emotion_segments",
    "home",
    "initials",
    "journey_detail",
    "workspace_detail",
]
