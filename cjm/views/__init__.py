"""Browser pages of the journeys app, split by page: ``pages`` (home, workspace home, map),
``dashboard`` (the workspace home's lists), ``journeys`` (the journey list and settings),
``editor`` and ``editor_cells`` (the map editor's htmx endpoints). The map is drawn by
``cjm.map``."""

from .pages import home, journey_detail, workspace_detail

__all__ = ["home", "journey_detail", "workspace_detail"]
