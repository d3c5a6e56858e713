"""One run of a funnel report: bring the definition's progress up to date, then aggregate.

Full run (first run, stages or touchpoints changed, or asked for): every customer's progress is
written as a new *generation* (the report's id) next to the current one, outside any long
transaction and in parallel on PostgreSQL; a short transaction then makes it current, moves the
watermark and stores the result, so readers switch from the old numbers to the new ones at once.
Incremental run: in one transaction, the customers with events that arrived after the watermark
are recomputed from all their events (late events for the past included) and replaced.
Both give exactly the same progress rows (tested).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from cjm.funnels.choices import RunMode
from cjm.funnels.models import Event, FunnelDefinition, FunnelProgress

from . import engine_python, engine_sql, maintenance, summary, watermark
from .aggregate import tallies
from .spec import FunnelSpec, spec_for
from .tally import (
    PathTally,
    Tally,
    linear_steps,
    path_tally,
    path_tally_groups,
    report_from_paths,
    report_from_tally,
    trend_from_paths,
    trend_from_tallies,
    week_start,
)

ProgressCallback = Callable[[int], None]
JIT_MIN_ROWS = 1_000_000  # see run()


@dataclass
class RunOutcome:
    mode: str
    result: dict
    customers_processed: int
    prune: bool = False  # older generations of progress rows wait to be deleted (``prune``)


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def take_watermark(previous: int) -> int:
    if _postgres():
        return watermark.take_watermark(previous)

    return max(Event.objects.aggregate(top=Max("pk"))["top"] or 0, previous)


def _write_full(spec: FunnelSpec, definition_id: int, generation: int, on_chunk) -> int:
    FunnelProgress.objects.filter(definition_id=definition_id, generation=generation).delete()
    if _postgres():
        return engine_sql.write_full(spec, definition_id, generation, on_chunk)
    rows = engine_python.progress_of(spec)
    return engine_python.write_progress(definition_id, generation, rows)


def _replace_changed(definition, spec: FunnelSpec, after: int, *, parallel: bool) -> int:
    """Incremental step, inside the final transaction; keeps ``definition.summary`` current."""
    if _postgres():
        processed, added, removed = engine_sql.replace_customers(
            spec, definition.pk, definition.generation, after, parallel=parallel
        )
        kept = summary.from_json(definition.summary)
        if not spec.linear:
            current = summary.scan_paths(definition.pk, definition.generation)
        elif definition.summary is None or not summary.has_histogram(kept):
            current = summary.scan(definition.pk, definition.generation)
        else:
            current = summary.apply_delta(kept, added, removed)
        definition.summary = summary.to_json(current)
        return processed
    affected = engine_python.affected_customers(spec, after)
    for start in range(0, len(affected), engine_python.CUSTOMER_BATCH):
        FunnelProgress.objects.filter(
            definition_id=definition.pk,
            generation=definition.generation,
            customer_id__in=affected[start : start + engine_python.CUSTOMER_BATCH],
        ).delete()
    engine_python.write_progress(
        definition.pk, definition.generation, engine_python.progress_of(spec, affected)
    )
    return len(affected)


def _path_result(definition, spec: FunnelSpec, segment_id: int | None) -> dict:
    """The result of a funnel with steps (docs/funnels.md, "Steps")."""
    if definition.generation is None or not spec.size:
        overall, by_week = PathTally(), {}
    elif _postgres():
        if segment_id is None and summary.customers_in(definition.summary):
            counts = summary.from_json(definition.summary)  # counted by this run already
        else:
            counts = summary.scan_paths(definition.pk, definition.generation, segment_id)
        medians = summary.path_medians(definition.pk, definition.generation, segment_id)
        overall, by_week = summary.path_tallies(counts, medians)
    else:
        rows = list(engine_python.stored_progress(definition.pk, definition.generation, segment_id))
        overall = path_tally(rows)
        by_week = {
            week: tally.paths
            for week, tally in path_tally_groups(rows, lambda p: week_start(p.entered_at)).items()
        }
    result = report_from_paths(spec, overall)
    result["trend"] = trend_from_paths(spec, definition.date_from, definition.date_to, by_week)
    return result


def build_result(definition, spec: FunnelSpec, segment_id: int | None) -> dict:
    if not spec.linear:
        result = _path_result(definition, spec, segment_id)
        result["generation"] = definition.generation
        result["signature"] = definition.signature
        result["watermark"] = definition.watermark
        return result
    size = spec.size
    if definition.generation is None or not size:
        overall, by_week = Tally.empty(size), {}
    elif _postgres():
        histogram = None
        if segment_id is None and definition.summary is not None:
            counts = histogram = summary.from_json(definition.summary)
        else:
            counts = summary.scan(definition.pk, definition.generation, segment_id)
        medians = summary.medians(
            definition.pk, definition.generation, size, segment_id, histogram=histogram
        )
        overall, by_week = summary.tallies(counts, size, medians)
    else:
        overall = tallies(definition.pk, definition.generation, size, segment_id=segment_id).get(
            None, Tally.empty(size)
        )
        by_week = tallies(
            definition.pk, definition.generation, size, segment_id=segment_id, group="week"
        )
    result = report_from_tally(spec.stage_ids, overall)
    result["steps"] = linear_steps(spec, result["stages"])
    result["trend"] = trend_from_tallies(
        spec.stage_ids, definition.date_from, definition.date_to, by_week
    )
    result["generation"] = definition.generation
    result["signature"] = definition.signature
    result["watermark"] = definition.watermark
    return result


def progress_lost(definition) -> bool:
    """True when the stored progress vanished: the progress table is UNLOGGED on PostgreSQL
    (derived data, written twice as fast), so a database crash empties it."""
    if definition.generation is None or not summary.customers_in(definition.summary):
        return False
    return not FunnelProgress.objects.filter(
        definition_id=definition.pk, generation=definition.generation
    ).exists()


def prune(definition_id: int) -> int:
    """Delete progress rows of generations older than the current one (a previous full run, a
    crashed or superseded one). Newer ones may belong to a full run still writing."""
    current = FunnelDefinition.objects.filter(pk=definition_id).values_list("generation", flat=True)
    generation = current.first()
    if generation is None:
        return 0
    deleted, _ = FunnelProgress.objects.filter(
        definition_id=definition_id, generation__lt=generation
    ).delete()
    return deleted


def run(report, *, force_full: bool = False, on_progress: ProgressCallback | None = None):
    """Bring ``report.definition`` up to date and return the outcome (the caller saves it)."""
    notify = on_progress or (lambda percent: None)
    # Other connections may help only when every event is committed: not when the caller (a
    # test, an import) has a transaction open that may hold events they cannot see.
    parallel = not connection.in_atomic_block
    definition = FunnelDefinition.objects.select_related("journey").get(pk=report.definition_id)
    spec = spec_for(definition)
    signature = spec.signature()
    full = (
        force_full
        or definition.generation is None
        or definition.signature != signature
        or progress_lost(definition)
    )
    # Right after a large load the events table's visibility map is behind: vacuum what is
    # left, so that the engine's index-only scans stay index-only (maintenance.py).
    maintenance.before_report()
    watermark = take_watermark(0 if full else definition.watermark)
    notify(5)
    processed = 0
    if full and spec.size:
        processed = _write_full(
            spec,
            definition.pk,
            report.pk,
            lambda done, total: notify(5 + int(75 * done / max(total, 1))),
        )
    notify(80)
    with transaction.atomic():
        if _postgres() and processed < JIT_MIN_ROWS:
            # The summary's histogram query is estimated at a thousand times its rows (a
            # set-returning function per progress row), so JIT compiled it (about a second) on
            # every run; that pays off only from about a million progress rows.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL jit = off")
        current = FunnelDefinition.objects.select_for_update().get(pk=definition.pk)
        replaced_generation = None
        newer_elsewhere = current.watermark > watermark and current.signature == signature
        if full and not (newer_elsewhere and current.generation is not None):
            replaced_generation = current.generation
            current.generation = report.pk if spec.size else None
            current.watermark = watermark
            current.summary = None
            if current.generation is not None and _postgres():
                scan = summary.scan if spec.linear else summary.scan_paths
                current.summary = summary.to_json(scan(current.pk, current.generation))
        elif current.generation is not None and current.signature == signature:
            # incremental (or a concurrent full run already installed newer progress)
            processed = _replace_changed(current, spec, current.watermark, parallel=parallel)
            current.watermark = max(current.watermark, watermark)
        else:  # the stages changed while we waited for the lock: the next run recomputes
            raise RuntimeError("The journey's stages changed during the run; run it again.")
        current.signature = signature
        current.computed_at = timezone.now()
        current.save(
            update_fields=["generation", "watermark", "signature", "computed_at", "summary"]
        )
        notify(90)
        result = build_result(current, spec, report.segment_id)
    mode = RunMode.FULL if full and current.generation == report.pk else RunMode.INCREMENTAL
    # After a full run the previous generation's rows are left for ``prune`` (a job of its
    # own: readers already moved on, and the report is not kept waiting for the delete).
    return RunOutcome(
        mode=mode,
        result=result,
        customers_processed=processed,
        prune=bool(full or replaced_generation is not None),
    )
