"""Rows of the bulk API (dicts parsed from JSON) made ready to store, in one loop.

On PostgreSQL each well-formed row is checked and rendered for COPY at once (``fast_fields``,
then straight into the batch: no EventRecord, no second pass), like the CSV lane of the imports
(csv_lane.py). A row the fast check is not sure about goes through the general path
(``validate_row``), so what is stored and every error reported are the same as there. Elsewhere
the rows become EventRecords for the ORM writer.
"""

from django.db import connection

from .rows import RowError, WorkspaceRefs, fast_fields, validate_row
from .store_postgresql import Batch, properties_text, render_tail, row_text


def prepare_rows(rows: list, refs: WorkspaceRefs) -> tuple[object, list[dict]]:
    """(a batch for ``store.store_events``, the bad rows as ``{"index", "errors"}``). Once a
    row is bad nothing will be stored, so the rest are only checked."""
    if connection.vendor != "postgresql":
        return _records(rows, refs)
    batch, bad = Batch(), []
    add = batch.add
    for index, row in enumerate(rows):
        fields = fast_fields(row, refs)
        if fields is not None:
            if not bad:
                event_id, customer, stage, tp, channel, moment, properties, segment, text = fields
                tail = row_text(
                    stage, tp, channel, text or moment.isoformat(), event_id,
                    properties_text(properties),
                )  # fmt: skip
                add(event_id, customer, tail, moment, segment)
            continue
        try:
            record = validate_row(row, refs)
        except RowError as exc:
            bad.append({"index": index, "errors": exc.errors})
            continue
        if not bad:
            add(record.event_id, record.customer, render_tail(record), record.occurred_at,
                record.segment_id)  # fmt: skip
    return batch.prepared(len(rows)), bad


def _records(rows: list, refs: WorkspaceRefs) -> tuple[list, list[dict]]:
    records, bad = [], []
    for index, row in enumerate(rows):
        try:
            records.append(validate_row(row, refs))
        except RowError as exc:
            bad.append({"index": index, "errors": exc.errors})
    return records, bad
