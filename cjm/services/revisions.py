"""The map revision: every recorded change bumps the revision of the maps it names.

``bump_for_change`` listens to ``cjm.core.changes`` inside the transaction (subscribed in
``cjm.apps``), so a revision commits or rolls back with the write. Each map is bumped at most once
per transaction, however many changes it records. The revision keys the map's caches and its
``ETag`` (``cjm.selectors.journey_map``); a reader that reads the revision before the content
never caches content older than the revision it files it under.
"""

from collections.abc import Iterable

from django.db import connection

from cjm.core import changes
from cjm.models import Journey, JourneyRevision


def maps_showing(*, workspace_id: int | None = None, **touchpoint_lookup) -> list[int]:
    """Ids of the maps with a touchpoint matching the lookup: ``maps_showing(channel=c)``, for a
    change to something drawn on cards (a channel's or a team's name, an owner)."""
    lookup = {f"stages__touchpoints__{key}": value for key, value in touchpoint_lookup.items()}
    if workspace_id is not None:
        lookup["workspace_id"] = workspace_id
    return list(Journey.objects.filter(**lookup).values_list("pk", flat=True).distinct())


def bump_for_change(change: changes.Change) -> None:
    if change.workspace_id is None and change.journey_ids is None:
        return
    journey_revisions_bump(workspace_id=change.workspace_id, journey_ids=change.journey_ids)


def journey_revisions_bump(*, workspace_id: int | None, journey_ids: Iterable[int] | None) -> None:
    """Bump the revision of these maps (``None``: every map of the workspace), each once per
    transaction. One statement; rows are taken in id order, so two bumps cannot deadlock."""
    if journey_ids is None:
        journey_ids = Journey.objects.filter(workspace_id=workspace_id).values_list("pk", flat=True)
    ids = [pk for pk in sorted(set(journey_ids)) if changes.first_in_transaction(("map", pk))]
    if not ids:
        return
    table = connection.ops.quote_name(JourneyRevision._meta.db_table)
    journeys = connection.ops.quote_name(Journey._meta.db_table)
    placeholders = ", ".join(["%s"] * len(ids))
    # Journeys deleted in this transaction are skipped by the SELECT; a map without a row yet
    # (made before revisions existed, or by a fixture) starts at 1.
    sql = (
        f"INSERT INTO {table} (journey_id, revision) "
        f"SELECT id, 1 FROM {journeys} WHERE id IN ({placeholders}) ORDER BY id "
        f"ON CONFLICT (journey_id) DO UPDATE SET revision = {table}.revision + 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, ids)
