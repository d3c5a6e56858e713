"""Change records of the map's writes (journeys, stages, lanes, cells): what each creation,
update and deletion records on its map (cjm/core/changes.py)."""

from cjm.core.changes import CREATED, DELETED, UPDATED, new_values, record_on_map


def record_created(actor, instance, names, *, journey) -> None:
    """Record ``instance`` as created, with the new values of the fields ``names``."""
    fields = new_values(instance, names)
    record_on_map(actor, instance, CREATED, journey=journey, fields=fields)


def record_updated(actor, updated, *, journey, fields=None) -> None:
    """Record an update: the fields ``apply_changes`` changed, unless ``fields`` says them."""
    fields = updated.changed_fields if fields is None else fields
    record_on_map(actor, updated, UPDATED, journey=journey, fields=fields)


def record_deleted(actor, instance, *, journey) -> None:
    record_on_map(actor, instance, DELETED, journey=journey)
