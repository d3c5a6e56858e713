"""Django admin of the journeys app, split by noun; workspace scoping lives in cjm.core.admin."""

from . import journeys, lanes

__all__ = ["journeys", "lanes"]
