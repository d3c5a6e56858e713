"""Reads of funnel reports: the reports of a journey, the latest one (the map's metrics lane,
snapshots, the moments-of-truth ledger), a result as shown (names, rates, the worst stage, steps)
and its trend.

Breakdowns and the drill-down, which read the materialized progress, are in progress.py; manual
funnels in manual_funnels.py.
"""

import datetime

from django.db.models import Max, QuerySet
from django.http import Http404

from cjm.core.scoping import member_workspace_ids
from cjm.core.typing import Reader
from cjm.funnels.choices import JobStatus
from cjm.funnels.models import FunnelReport
from cjm.models import Stage
from touchpoints.models import Touchpoint


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


def funnel_trend(*, report: FunnelReport) -> list[dict]:
    """Weekly cohorts (by the week customers entered the first stage) over the range."""
    return (report.result or {}).get("trend", [])
