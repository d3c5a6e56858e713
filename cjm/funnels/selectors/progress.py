"""Reads of a report's materialized progress: breakdowns by segment or channel and the
drill-down into the customers who dropped off (as a page or streamed CSV).

They read the definition's materialized progress, i.e. the state of the most recent run of the
same definition (``as_of`` says when that was).
"""

import csv
import datetime
import io
from collections.abc import Iterator

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext as _

from cjm.core.spreadsheets import safe_cell
from cjm.funnels import engine_python
from cjm.funnels.aggregate import tallies
from cjm.funnels.choices import Breakdown, JobStatus
from cjm.funnels.models import FunnelProgress, FunnelReport
from cjm.funnels.spec import FunnelSpec
from cjm.funnels.tally import path_tally_groups, report_from_paths, report_from_tally
from personas.models import Segment
from touchpoints.models import Channel, Touchpoint


def _current_progress(report: FunnelReport):
    definition = report.definition
    if report.status != JobStatus.DONE or definition.generation is None:
        raise ValidationError(_("The report is not ready yet."))
    result = report.result or {}
    stage_ids = [row["stage"] for row in result["stages"]]
    if result.get("signature", definition.signature) != definition.signature:
        raise ValidationError(_("The journey changed since this report; request a new one."))
    return definition, stage_ids


def steps_spec(report: FunnelReport) -> FunnelSpec | None:
    """The steps of a report with branches or optional steps, as its result stored them
    (None for a straight funnel, or a result from before steps)."""
    result = report.result or {}
    steps = result.get("steps")
    if not steps or all(len(s["stages"]) == 1 and not s["optional"] for s in steps):
        return None
    stage_ids = [row["stage"] for row in result["stages"]]
    definition = report.definition
    return FunnelSpec(
        stage_ids=tuple(stage_ids),
        date_from=definition.date_from,
        date_to=definition.date_to,
        window_days=definition.conversion_window_days,
        channel_id=definition.channel_id,
        steps=tuple(tuple(stage_ids.index(s) for s in step["stages"]) for step in steps),
        optional=tuple(step["optional"] for step in steps),
        step_numbers=tuple(step["step"] for step in steps),
    )


def _step_breakdown(report: FunnelReport, definition, funnel: FunnelSpec, by: str) -> dict:
    """``funnel_breakdown`` of a funnel with steps: from the stored paths (in Python)."""
    rows = engine_python.stored_progress(definition.pk, definition.generation, report.segment_id)
    if by == Breakdown.SEGMENT:
        groups = path_tally_groups(rows, lambda p: p.segment_id)
    else:
        groups = path_tally_groups(rows, lambda p: p.entry_channel_id)
    model = Segment if by == Breakdown.SEGMENT else Channel
    labels = dict(model.objects.filter(pk__in=[k for k in groups if k]).values_list("pk", "name"))
    none_label = _("No segment") if by == Breakdown.SEGMENT else _("No channel")
    result = []
    for key, tally in groups.items():
        figures = report_from_paths(funnel, tally)
        result.append(
            {
                "key": key,
                "label": labels.get(key, none_label) if key else none_label,
                "customers": sum(tally.paths.values()),
                "stages": figures["stages"],
                "exit_touchpoints": figures["exit_touchpoints"],
            }
        )
    result.sort(key=lambda row: (-row["customers"], row["label"]))
    return {"by": by, "as_of": definition.computed_at, "groups": result}


def funnel_breakdown(*, report: FunnelReport, by: str) -> dict:
    """The report split by customer segment or by the channel of the first-stage event."""
    if by not in Breakdown.values:
        raise ValidationError({"by": [_("Choose segment or channel.")]})
    definition, stage_ids = _current_progress(report)
    funnel = steps_spec(report)
    if funnel is not None:
        return _step_breakdown(report, definition, funnel, by)
    groups = tallies(
        definition.pk,
        definition.generation,
        len(stage_ids),
        segment_id=report.segment_id,
        group=by,
    )
    model = Segment if by == Breakdown.SEGMENT else Channel
    labels = dict(model.objects.filter(pk__in=[k for k in groups if k]).values_list("pk", "name"))
    none_label = _("No segment") if by == Breakdown.SEGMENT else _("No channel")
    rows = []
    for key, tally in groups.items():
        rows.append(
            {
                "key": key,
                "label": labels.get(key, none_label) if key else none_label,
                "customers": tally.entered[0] if tally.entered else 0,
                **report_from_tally(stage_ids, tally),
            }
        )
    rows.sort(key=lambda row: (-row["customers"], row["label"]))
    return {"by": by, "as_of": definition.computed_at, "groups": rows}


def funnel_dropped_customers(
    *, report: FunnelReport, stage: int, touchpoint: int | None = None
) -> QuerySet[FunnelProgress]:
    """Customers who entered ``stage`` and did not reach the next one (optionally: who left at
    ``touchpoint``), in the order they entered the funnel."""
    definition, stage_ids = _current_progress(report)
    if stage not in stage_ids:
        raise ValidationError({"stage": [_("The stage is not in this report.")]})
    index = stage_ids.index(stage)
    funnel = steps_spec(report)
    last = index == len(stage_ids) - 1
    if funnel is not None:
        last = funnel.step_of_stage[index] == len(funnel.step_groups) - 1
    if last:
        raise ValidationError({"stage": [_("Nobody drops off after the last stage.")]})
    qs = FunnelProgress.objects.filter(
        definition_id=definition.pk, generation=definition.generation
    )
    if funnel is None:
        qs = qs.filter(reached=index + 1)
    else:  # went through this stage and reached no later step: their path ends with it
        qs = qs.annotate(left_at=_last_of_path()).filter(left_at=index)
    if touchpoint is not None:
        qs = qs.filter(exit_touchpoint_id=touchpoint)
    if report.segment_id is not None:
        qs = qs.filter(customer__segment_id=report.segment_id)
    return qs.select_related("customer", "customer__segment").order_by("entered_at", "customer_id")


def _last_of_path() -> RawSQL:
    """The last element of ``cjm_funnelprogress.path`` (bigint[] on PostgreSQL, JSON text
    elsewhere)."""
    if connection.vendor == "postgresql":
        sql = "cjm_funnelprogress.path[array_length(cjm_funnelprogress.path, 1)]"
    else:
        sql = "json_extract(cjm_funnelprogress.path, '$[#-1]')"
    return RawSQL(sql, [])  # nosec B611 - a fixed expression per database, no input


def reached_stage_at(progress: FunnelProgress) -> datetime.datetime:
    """When the customer entered the last stage they reached."""
    offset = progress.offsets[-1] if progress.offsets else 0
    return progress.entered_at + datetime.timedelta(microseconds=offset)


CSV_HEADER = ["customer", "segment", "entered_funnel_at", "entered_stage_at", "exit_touchpoint"]


def funnel_dropped_customers_csv(
    *, report: FunnelReport, stage: int, touchpoint: int | None = None
) -> Iterator[str]:
    """The drill-down as CSV lines (streamed)."""
    rows = funnel_dropped_customers(report=report, stage=stage, touchpoint=touchpoint)
    names: dict[int | None, str] = dict(
        Touchpoint.objects.filter(stage__journey_id=report.journey_id).values_list("pk", "name")
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def line(values) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([safe_cell(value) for value in values])
        return buffer.getvalue()

    yield line(CSV_HEADER)
    for progress in rows.iterator(chunk_size=2000):
        customer = progress.customer
        yield line(
            [
                customer.external_id,
                customer.segment.name if customer.segment else "",
                progress.entered_at.isoformat(),
                reached_stage_at(progress).isoformat(),
                names.get(progress.exit_touchpoint_id, ""),
            ]
        )
