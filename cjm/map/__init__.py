"""The map as it is drawn, below the views of every app that draws it.

- ``grid``: stages as columns, lanes as rows, from what ``journey_map_get`` prefetched.
- ``cards``: the one place that prepares touchpoint cards (owner, rating label, open actions,
  feedback badge) and the counters per rating.
- ``render``: the context of the map page and of every partial that redraws the grid, and the
  answer that redraws it after an edit.

The journeys' views (``cjm.views``) and the touchpoints' views (``touchpoints.views``) both
import from here; nothing here imports a view.
"""
