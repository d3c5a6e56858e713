"""Reads of funnel reports: the report as shown, breakdowns, trend, drill-down, manual funnels.

Breakdowns and the drill-down read the definition's materialized progress, i.e. the state of
the most recent run of the same definition (``as_of`` says when that was).
"""

import csv
import datetime
import io
from collections.abc import Iterator

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Max, QuerySet
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.utils.translation import gettext as _

from cjm.core.scoping import member_workspace_ids
from cjm.core.spreadsheets import safe_cell
from cjm.core.typing import Reader
from cjm.funnels import engine_python
from cjm.funnels.aggregate import tallies
from cjm.funnels.choices import Breakdown, JobStatus
from cjm.funnels.models import FunnelProgress, FunnelReport, ManualFunnel
from cjm.funnels.spec import FunnelSpec
from cjm.funnels.tally import path_tally_groups, report_from_paths, report_from_tally
from cjm.models import Stage
from personas.models import Segment
from touchpoints.models import Channel, Touchpoint


def funnel_report_list(*, user: Reader, journey=None) -> QuerySet[FunnelReport]:
    qs = FunnelReport.objects.filter(journey__workspace_id__in=member_workspace_ids(user))
    if journey is not None:
        qs = qs.filter(journey=journey)
    return qs.select_related("definition__channel", "journey", "segment").order_by(
        "-created_at", "-id"
    )


def funnel_report_get(*, user: Reader, pk: int) -> FunnelReport:
    report = funnel_report_list(user=user).filter(pk=pk).first()
    if report is None:
        raise Http404("No such report.")
    return report


def funnel_report_latest(*, journey) -> FunnelReport | None:
    """The newest finished report of the whole audience (no segment or channel filter): what
    the map's metrics lane shows."""
    return (
        FunnelReport.objects.filter(
            journey=journey,
            status=JobStatus.DONE,
            segment__isnull=True,
            definition__channel__isnull=True,
        )
        .select_related("definition")
        .order_by("-finished_at", "-id")
        .first()
    )


def worst_stage(rows: list[dict]) -> dict | None:
    """The stage row with the biggest drop-off: the highest ``drop_off_rate`` above zero (the
    first of equals), or None when nobody dropped off anywhere. The funnel page, the API and
    the map's metrics lane all mark this one."""
    worst = None
    for row in rows:
        rate = row.get("drop_off_rate")
        if rate and (worst is None or rate > worst["drop_off_rate"]):
            worst = row
    return worst


def stage_metrics_latest(*, journey) -> dict[int, dict]:
    """Stage id -> ``entered``, ``converted``, ``drop_off_rate``, ... and ``is_worst``, from the
    latest finished report of the whole audience (one query): the map's metrics lane. Empty
    until such a report exists."""
    report = funnel_report_latest(journey=journey)
    rows = (report.result or {}).get("stages", []) if report else []
    metrics = {row["stage"]: {**row, "is_worst": False} for row in rows}
    worst = worst_stage(rows)
    if worst is not None:
        metrics[worst["stage"]]["is_worst"] = True
    return metrics


def funnel_figures_latest(*, journey) -> dict:
    """What a snapshot keeps of the funnel (cjm/snapshots): the latest finished report of the
    whole audience (``report``: id, when it finished; None without one), its figures per stage
    as ``stage_metrics_latest`` gives them (keys are stage ids as text, JSON-ready) and its
    exit touchpoints, most customers first. One query."""
    report = funnel_report_latest(journey=journey)
    result = (report.result or {}) if report else {}
    rows = result.get("stages", [])
    stages = {str(row["stage"]): {**row, "is_worst": False} for row in rows}
    worst = worst_stage(rows)
    if worst is not None:
        stages[str(worst["stage"])]["is_worst"] = True
    return {
        "report": (
            {
                "id": report.pk,
                "finished_at": report.finished_at.isoformat() if report.finished_at else None,
            }
            if report
            else None
        ),
        "stages": stages,
        "exit_touchpoints": [dict(row) for row in result.get("exit_touchpoints", [])],
    }


def exit_touchpoints_latest(*, journey) -> tuple[list[dict], datetime.datetime | None]:
    """The ``exit_touchpoints`` rows of the latest finished report of the whole audience and
    when it finished (``[]`` and None without one): the moments-of-truth ledger's exits."""
    report = funnel_report_latest(journey=journey)
    if report is None:
        return [], None
    return list((report.result or {}).get("exit_touchpoints", [])), report.finished_at


def latest_report_times(*, journey_ids) -> dict[int, datetime.datetime]:
    """Journey id -> when its latest finished report of the whole audience finished (one grouped
    query; journeys without one are left out): how fresh a map's exits are."""
    rows = (
        FunnelReport.objects.filter(
            journey_id__in=journey_ids,
            status=JobStatus.DONE,
            segment__isnull=True,
            definition__channel__isnull=True,
            finished_at__isnull=False,
        )
        .order_by()
        .values("journey_id")
        .annotate(last=Max("finished_at"))
    )
    return {row["journey_id"]: row["last"] for row in rows}


def _names(result: dict) -> tuple[dict, dict]:
    stage_ids = [row["stage"] for row in result.get("stages", [])]
    touchpoint_ids = [row["touchpoint"] for row in result.get("exit_touchpoints", [])]
    stages = dict(Stage.objects.filter(pk__in=stage_ids).values_list("pk", "name"))
    touchpoints = dict(Touchpoint.objects.filter(pk__in=touchpoint_ids).values_list("pk", "name"))
    return stages, touchpoints


def funnel_view(result: dict) -> dict:
    """A result (computed or manual) with names, conversion rates and the worst stage marked
    (``worst_stage``)."""
    stage_names, touchpoint_names = _names(result)
    rows = [dict(row) for row in result.get("stages", [])]
    start = rows[0]["entered"] if rows and rows[0]["entered"] else None
    for row in rows:
        row["name"] = stage_names.get(row["stage"], "")
        entered, converted = row["entered"], row["converted"]
        row["conversion_rate"] = None if converted is None or not entered else converted / entered
        row["share_of_first_stage"] = None if entered is None or not start else entered / start
    worst = worst_stage(rows)
    for row in rows:
        row["is_worst"] = row is worst
    exits = [
        {
            **row,
            "touchpoint_name": touchpoint_names.get(row["touchpoint"], ""),
            "stage_name": stage_names.get(row["stage"], ""),
        }
        for row in result.get("exit_touchpoints", [])
    ]
    return {
        "stages": rows,
        "steps": _steps_view(result, rows, stage_names),
        "exit_touchpoints": exits,
        "trend": result.get("trend", []),
        "worst_stage": worst["stage"] if worst else None,
    }


def _steps_view(result: dict, rows: list[dict], stage_names: dict) -> list[dict]:
    """The result's steps, each with its stages' rows (``branches``); a result without steps
    (before steps existed, or a manual funnel) has one required step per stage."""
    steps = result.get("steps")
    if steps is None:
        steps = [
            {
                "step": index + 1,
                "stages": [row["stage"]],
                "optional": False,
                "entered": row["entered"],
                "converted": row["converted"],
                "drop_off_rate": row["drop_off_rate"],
                "skipped": 0,
            }
            for index, row in enumerate(rows)
        ]
    by_stage = {row["stage"]: row for row in rows}
    view = []
    for step in steps:
        entered, converted = step["entered"], step["converted"]
        view.append(
            {
                **step,
                "name": " / ".join(stage_names.get(s, "") for s in step["stages"]),
                "conversion_rate": None
                if converted is None or not entered
                else converted / entered,
                "branches": [by_stage[s] for s in step["stages"] if s in by_stage],
            }
        )
    return view


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


def funnel_trend(*, report: FunnelReport) -> list[dict]:
    """Weekly cohorts (by the week customers entered the first stage) over the range."""
    return (report.result or {}).get("trend", [])


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
    return RawSQL(sql, [])


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


# --- Manual funnels -----------------------------------------------------------------------


def manual_funnel_list(*, user: Reader, journey=None) -> QuerySet[ManualFunnel]:
    qs = ManualFunnel.objects.filter(journey__workspace_id__in=member_workspace_ids(user))
    if journey is not None:
        qs = qs.filter(journey=journey)
    return (
        qs.select_related("journey")
        .prefetch_related("counts")
        .order_by("journey_id", "-date_to", "id")
    )


def manual_funnel_get(*, user: Reader, pk: int) -> ManualFunnel:
    funnel = manual_funnel_list(user=user).filter(pk=pk).first()
    if funnel is None:
        raise Http404("No such funnel.")
    return funnel


def manual_funnel_result(funnel: ManualFunnel) -> dict:
    """The typed-in counts in the shape of a computed report (no times, no exits)."""
    stage_ids = list(
        Stage.objects.filter(journey_id=funnel.journey_id)
        .order_by("position")
        .values_list("pk", flat=True)
    )
    counts = {count.stage_id: count.customers for count in funnel.counts.all()}
    stages = []
    for index, stage_id in enumerate(stage_ids):
        entered = counts.get(stage_id)
        is_last = index == len(stage_ids) - 1
        converted = None if is_last else counts.get(stage_ids[index + 1])
        drop_off = None if converted is None or not entered else 1 - converted / entered
        stages.append(
            {
                "stage": stage_id,
                "entered": entered,
                "converted": converted,
                "drop_off_rate": drop_off,
                "median_seconds_to_convert": None,
            }
        )
    return {"stages": stages, "exit_touchpoints": [], "trend": []}
