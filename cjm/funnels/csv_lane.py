"""The import's fast lane for CSV files on PostgreSQL: each row is checked and rendered for COPY
in one loop, with no dict and no EventRecord per row.

A row the lane is not sure about (a value that is not plainly valid, a ``properties`` column
with content, a time other than ``YYYY-MM-DDTHH:MM:SSZ``) goes through the general path
(``rows.validate_row``), so what is stored and every error reported are the same as there.
"""

import datetime
import json

from django.utils.translation import gettext as _

from .rows import MAX_TEXT, RowError, WorkspaceRefs, canonical_utc, fast_id, validate_row
from .store_postgresql import EMPTY_PROPERTIES, Batch, Prepared, render_tail, row_text


def csv_row(header: list[str], values: list[str]) -> dict:
    """A CSV row as the general path reads it: a dict by column, ``properties`` parsed."""
    row = dict(zip(header, values, strict=False))
    properties = row.get("properties")
    if properties:
        try:
            row["properties"] = json.loads(properties)
        except ValueError:
            raise RowError({"properties": [_("Must be a JSON object.")]}) from None
    return row


class CsvLane:
    def __init__(self, header: list[str], refs: WorkspaceRefs, names=None):
        self.header, self.refs, self.names = header, refs, names
        position = {name: index for index, name in enumerate(header)}  # the last one wins
        self.columns = tuple(
            position.get(name)
            for name in ("event_id", "customer", "stage", "touchpoint", "channel", "occurred_at")
        )
        self.segment = position.get("segment")
        self.properties = position.get("properties")
        self.width = max(i for i in (*self.columns, self.segment, self.properties) if i is not None)
        # Without a stage, touchpoint or channel column (rows placed by the mapping rules) every
        # row takes the general path; otherwise rows naming things by name do (names.py).
        self.fast = None not in self.columns

    def prepare(self, chunk) -> tuple[Prepared, list]:
        """A chunk of (line, values) as a batch ready for COPY, and the bad rows' errors."""
        batch, errors = Batch(), []
        for line, values in chunk:
            fast = self._fast(values) if self.fast else None
            if fast is not None:
                batch.add(*fast)
                continue
            try:
                row = csv_row(self.header, values)
                if self.names is not None:
                    row = self.names.resolve(row, self.refs)
                record = validate_row(row, self.refs)
            except RowError as exc:
                errors.append((line, exc.errors))
                continue
            batch.add(
                record.event_id,
                record.customer,
                render_tail(record),
                record.occurred_at,
                record.segment_id,
            )
        return batch.prepared(len(chunk) - len(errors)), errors

    def _fast(self, values):
        """(event_id, customer, COPY text, occurred_at, segment id) or None."""
        if len(values) <= self.width:
            return None
        if self.properties is not None and values[self.properties]:
            return None
        event_column, customer_column, stage_column, tp_column, channel_column, at_column = (
            self.columns
        )
        event_id, customer = values[event_column], values[customer_column]
        if not (0 < len(event_id) <= MAX_TEXT and 0 < len(customer) <= MAX_TEXT):
            return None
        if "\x00" in event_id or "\x00" in customer:
            return None
        refs = self.refs
        stage = fast_id(values[stage_column], refs.stages)
        touchpoint = fast_id(values[tp_column], refs.touchpoints)
        channel = fast_id(values[channel_column], refs.channels)
        segment = None if self.segment is None else fast_id(values[self.segment], refs.segments)
        if not stage or touchpoint is False or channel is False or segment is False:
            return None
        if touchpoint is not None:
            touchpoint_stage, touchpoint_channel = refs.touchpoints[touchpoint]
            if touchpoint_stage != stage:
                return None
            if channel is None:
                channel = touchpoint_channel
        at = values[at_column]
        if not canonical_utc(at):
            return None
        try:
            moment = datetime.datetime.fromisoformat(at)
        except ValueError:
            return None
        if not 1900 <= moment.year <= 9998:
            return None
        tail = row_text(stage, touchpoint, channel, at, event_id, EMPTY_PROPERTIES)
        return event_id, customer, tail, moment, segment
