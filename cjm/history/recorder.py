"""The listener that writes the audit log: one ``ChangeRecord`` per recorded change, inside the
service's transaction (it commits or rolls back with the write itself)."""

from cjm.core import changes
from cjm.history.models import ChangeRecord, ChangeRecordJourney


def record_change(change: changes.Change) -> None:
    """One INSERT per change; a change naming several maps adds their rows in one more."""
    if change.workspace_id is None:
        return  # nothing to scope it by (no service records one today)
    journey_ids = change.journey_ids
    record = ChangeRecord.objects.create(
        workspace_id=change.workspace_id,
        actor_id=change.actor_id,
        source=change.source,
        at=change.at,
        object_type=change.object_type,
        object_id=change.object_id,
        object_repr=change.object_repr,
        verb=change.verb,
        fields=change.fields,
        journey_id=journey_ids[0] if journey_ids and len(journey_ids) == 1 else None,
        whole_workspace=journey_ids is None,
    )
    if journey_ids and len(journey_ids) > 1:
        ChangeRecordJourney.objects.bulk_create(
            ChangeRecordJourney(record=record, journey_id=journey_id) for journey_id in journey_ids
        )


def connect() -> None:
    changes.subscribe(record_change, phase=changes.IN_TRANSACTION)
