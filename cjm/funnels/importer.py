"""Import events from a file (CSV or NDJSON), streaming, in one transaction.

CSV: a header row naming the columns ``event_id, customer, stage, occurred_at`` and optionally
``touchpoint``, ``channel``, ``journey``, ``event``, ``segment`` and ``properties`` (a JSON
object); other columns are ignored. Stages, touchpoints, channels and segments by id or by name,
or placed by the mapping rules from ``event`` (names.py). UTF-8 with or without BOM, or
Windows-1251; ``,``, ``;`` or tab between values (filetext.py). NDJSON: one JSON object per line
with the same keys (blank lines are skipped).
Each row is validated like a row of the bulk API. All-or-nothing by default: if any row is bad,
nothing is stored and every bad row is reported (line number and errors); with
``skip_bad_rows`` the good rows are stored and the bad ones reported.
"""

import csv
import io
import itertools
import json
import multiprocessing
import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils.translation import gettext as _

from .csv_lane import CsvLane, csv_row
from .filetext import SAMPLE_BYTES, UnsureEncoding, detect
from .names import NameIndex
from .rows import RowError, WorkspaceRefs, validate_row
from .spec import batched
from .store import prepare, store_events

MAX_REPORTED_ERRORS = 1000
FIRST_CHUNK = 5000
CSV_COLUMNS = ("event_id", "customer", "stage", "touchpoint", "channel", "occurred_at")
REQUIRED_COLUMNS = ("event_id", "customer", "occurred_at")


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    duplicates: int = 0
    bad_rows: int = 0
    errors: list = field(default_factory=list)  # [{"line": n, "errors": {field: [...]}}]
    stored: bool = True

    def add_error(self, line: int, errors: dict) -> None:
        self.bad_rows += 1
        if len(self.errors) < MAX_REPORTED_ERRORS:
            self.errors.append({"line": line, "errors": errors})


class FileFormatError(Exception):
    """The file cannot be read at all (unknown encoding, no header, missing columns)."""


class _Counting(io.RawIOBase):
    """Wraps a binary stream and counts the bytes read (for progress)."""

    def __init__(self, raw):
        self.raw, self.count = raw, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.raw.read(len(buffer))
        buffer[: len(data)] = data
        self.count += len(data)
        return len(data)


def _csv_header(reader) -> list[str] | None:
    try:
        header = next(reader)
    except StopIteration:
        return None
    header = [name.strip().lstrip("\ufeff").lower() for name in header]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if "stage" not in header and "event" not in header:
        missing.append("stage")
    if missing:
        raise FileFormatError(_("Missing columns: %(names)s.") % {"names": ", ".join(missing)})
    return header


def check_upload(sample: bytes, format: str, *, complete: bool) -> None:
    """What can be told from the first bytes of an uploaded file before it is queued: its
    encoding and, for CSV, the header's columns. Raises FileFormatError."""
    if not sample.strip():
        raise FileFormatError(_("The file is empty."))
    try:
        found = detect(sample, complete=complete)
    except UnsureEncoding as exc:
        raise FileFormatError(str(exc)) from None
    if format == "csv":
        text = sample.decode(found.encoding, errors="ignore")
        _csv_header(csv.reader(io.StringIO(text, newline=""), delimiter=found.delimiter))


def _csv_values(reader) -> Iterator[tuple[int, list]]:
    for values in reader:
        if any(values):
            yield reader.line_num, values


def read_csv(text, delimiter: str = ",") -> Iterator[tuple[int, object]]:
    reader = csv.reader(text, delimiter=delimiter)
    header = _csv_header(reader)
    if header is None:
        return
    for line, values in _csv_values(reader):
        try:
            yield line, csv_row(header, values)
        except RowError as error:
            yield line, error


def read_ndjson(text, delimiter: str = ",") -> Iterator[tuple[int, object]]:
    for line, content in enumerate(text, start=1):
        if not content.strip():
            continue
        try:
            yield line, json.loads(content)
        except ValueError:
            yield line, RowError({"non_field_errors": [_("Not valid JSON.")]})


READERS = {"csv": read_csv, "ndjson": read_ndjson}


@dataclass
class _Chunk:
    records: object  # a prepared batch (store.prepare)
    errors: list  # (line, errors)
    rows: int
    bytes_read: int


def _produce_csv(text, refs, names, delimiter, chunk_size: int, out, stop, counting) -> None:
    """The CSV fast lane (csv_lane.py): PostgreSQL batches straight from the parsed values."""
    reader = csv.reader(text, delimiter=delimiter)
    header = _csv_header(reader)
    if header is not None:
        lane = CsvLane(header, refs, names)
        values = _csv_values(reader)
        # A small first chunk, so that storing starts while the rest is being parsed.
        first = tuple(itertools.islice(values, min(FIRST_CHUNK, chunk_size)))
        for chunk in itertools.chain([first] if first else [], batched(values, chunk_size)):
            if stop.is_set():
                return
            batch, errors = lane.prepare(chunk)
            out.put(_Chunk(batch, errors, len(chunk), counting.count))
    out.put(None)


def _produce(stream, format: str, refs, names, chunk_size: int, out, stop, fast_csv=False) -> None:
    """Parse, validate and prepare chunks; put them on ``out``, then None.

    Runs in a thread (or a forked process, see ``parse_in_process``) of its own, so that this
    Python work overlaps with the database storing the previous chunk; the database connection
    stays with the caller, inside its transaction. Errors are handed over as FileFormatError.
    """
    try:
        counting = _Counting(stream)
        buffered = io.BufferedReader(counting, buffer_size=SAMPLE_BYTES)
        sample = buffered.peek(SAMPLE_BYTES)[:SAMPLE_BYTES]
        found = detect(sample, complete=len(sample) < SAMPLE_BYTES)
        text = io.TextIOWrapper(buffered, encoding=found.encoding, errors="strict", newline="")
        if format == "csv" and fast_csv:
            _produce_csv(text, refs, names, found.delimiter, chunk_size, out, stop, counting)
            return
        for chunk in batched(READERS[format](text, found.delimiter), chunk_size):
            if stop.is_set():
                return
            records, errors = [], []
            for line, row in chunk:
                if isinstance(row, RowError):
                    errors.append((line, row.errors))
                    continue
                try:
                    records.append(validate_row(names.resolve(row, refs), refs))
                except RowError as exc:
                    errors.append((line, exc.errors))
            out.put(_Chunk(prepare(records), errors, len(chunk), counting.count))
        out.put(None)
    except UnsureEncoding as exc:
        out.put(FileFormatError(str(exc)))
    except UnicodeDecodeError as exc:
        out.put(
            FileFormatError(
                _("The file is not %(encoding)s text throughout (byte %(at)d).")
                % {
                    "encoding": "Windows-1251" if "1251" in exc.encoding else "UTF-8",
                    "at": exc.start,
                }
            )
        )
    except csv.Error as exc:
        out.put(FileFormatError(_("The CSV file cannot be read: %(error)s") % {"error": exc}))
    except FileFormatError as exc:
        out.put(exc)
    except BaseException as exc:  # noqa: BLE001 (handed to the caller, which raises it)
        out.put(RuntimeError(f"{type(exc).__name__}: {exc}"))


def import_events(
    *,
    workspace_id: int,
    stream,
    format: str,
    skip_bad_rows: bool = False,
    total_bytes: int | None = None,
    on_progress: Callable[[ImportReport, int], None] | None = None,
    chunk_size: int = 5000,
    parse_in_process: bool = False,
    max_rows: int | None = None,
) -> ImportReport:
    """Read ``stream`` (binary) and store its events; ``on_progress(report, percent)``.

    ``parse_in_process``: parse in a forked process instead of a thread, so parsing does not
    compete with storing for the interpreter lock (the import command; not inside daemonic
    worker processes, which cannot fork children).
    """
    if format not in READERS:
        raise FileFormatError(_("Unknown format %(format)s.") % {"format": format})
    refs = WorkspaceRefs.load(workspace_id)
    names = NameIndex.load(workspace_id)
    fast_csv = connection.vendor == "postgresql"  # the lane renders PostgreSQL's COPY batches
    report = ImportReport()
    if parse_in_process:
        context = multiprocessing.get_context("fork")
        chunks, stop = context.Queue(maxsize=2), context.Event()
        producer = context.Process(
            target=_produce,
            args=(stream, format, refs, names, chunk_size, chunks, stop, fast_csv),
            daemon=True,
        )
    else:
        chunks, stop = queue.Queue(maxsize=2), threading.Event()
        producer = threading.Thread(
            target=_produce,
            args=(stream, format, refs, names, chunk_size, chunks, stop, fast_csv),
            daemon=True,
        )
    producer.start()
    try:
        with transaction.atomic():
            while (chunk := chunks.get()) is not None:
                if isinstance(chunk, BaseException):
                    raise chunk
                report.rows += chunk.rows
                if max_rows and report.rows > max_rows:
                    raise FileFormatError(
                        _("The file has more than %(max)d rows; split it into smaller files.")
                        % {"max": max_rows}
                    )
                for line, errors in chunk.errors:
                    report.add_error(line, errors)
                if skip_bad_rows or not report.bad_rows:
                    created, duplicates = store_events(workspace_id, chunk.records)
                    report.created += created
                    report.duplicates += duplicates
                if on_progress:
                    percent = int(99 * chunk.bytes_read / total_bytes) if total_bytes else 0
                    on_progress(report, min(percent, 99))
            if report.bad_rows and not skip_bad_rows:
                report.stored = False
                report.created = report.duplicates = 0
                transaction.set_rollback(True)
    finally:
        stop.set()
        while producer.is_alive():  # unblock a producer waiting on a full queue
            try:
                chunks.get_nowait()
            except queue.Empty:
                producer.join(timeout=0.05)
    return report
