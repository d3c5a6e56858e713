"""The funnel page of a journey: request a report, watch its progress, read the result.

Reads go through ``cjm.funnels.selectors``; the one write (asking for a report) goes through
``funnel_report_request`` (editors and admins). With htmx the status URL answers only the
report block, polling every second while the job is pending or running.
"""

import datetime

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_http_methods

from cjm.core.pages import add_service_errors, page_of, render_page
from cjm.funnels.choices import (
    DEFAULT_CONVERSION_WINDOW_DAYS,
    MAX_CONVERSION_WINDOW_DAYS,
    Breakdown,
    JobStatus,
)
from cjm.funnels.selectors.funnels import funnel_report_get, funnel_report_list, funnel_view
from cjm.funnels.selectors.manual_funnels import manual_funnel_list
from cjm.funnels.selectors.progress import (
    funnel_breakdown,
    funnel_dropped_customers,
    funnel_dropped_customers_csv,
    reached_stage_at,
)
from cjm.funnels.services.funnels import funnel_report_request
from cjm.selectors import journey_get
from personas.selectors import segment_list
from touchpoints.selectors import channel_list

DROPPED_LIMIT = 200
# ISO dates whatever the language: <input type="date"> accepts no other format.
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class FunnelRequestForm(forms.Form):
    date_from = forms.DateField(label=_("From"), widget=DATE_INPUT)
    date_to = forms.DateField(label=_("To"), widget=DATE_INPUT)
    conversion_window_days = forms.IntegerField(
        label=_("Conversion window (days)"),
        min_value=1,
        max_value=MAX_CONVERSION_WINDOW_DAYS,
        initial=DEFAULT_CONVERSION_WINDOW_DAYS,
    )
    segment = forms.ModelChoiceField(
        label=_("Segment"), queryset=None, required=False, empty_label=_("All segments")
    )
    channel = forms.ModelChoiceField(
        label=_("Channel"), queryset=None, required=False, empty_label=_("All channels")
    )

    def __init__(self, *args, user, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["segment"].queryset = segment_list(user=user, workspace=workspace)
        self.fields["channel"].queryset = channel_list(user=user, workspace=workspace)


def _initial(report=None) -> dict:
    """The form starts from the report on the page (so computing one keeps its dates, window
    and filters), or from the last 90 days."""
    if report is not None:
        definition = report.definition
        return {
            "date_from": definition.date_from,
            "date_to": definition.date_to,
            "conversion_window_days": definition.conversion_window_days,
            "segment": report.segment_id,
            "channel": definition.channel_id,
        }
    today = timezone.now().date()
    return {
        "date_from": today - datetime.timedelta(days=89),
        "date_to": today,
        "conversion_window_days": DEFAULT_CONVERSION_WINDOW_DAYS,
    }


def _week_label(week_start) -> str:
    if isinstance(week_start, str):
        week_start = datetime.date.fromisoformat(week_start)
    return formats.date_format(week_start, "MONTH_DAY_FORMAT")


def step_chart(steps: list[dict]) -> dict:
    """The funnel chart of a map with steps: one bar per step, its branches stacked in it,
    optional steps hatched and the customers who skipped them in a bar beside."""
    slots = max(len(step["branches"]) for step in steps)
    optional = str(_("optional"))
    return {
        # one line per branch, and "(optional)" under an optional step's name
        "labels": [
            [row["name"] for row in step["branches"]]
            + ([f"({optional})"] if step["optional"] else [])
            for step in steps
        ],
        "optional": [step["optional"] for step in steps],
        "entered": [step["entered"] or 0 for step in steps],
        "dropOff": [step["drop_off_rate"] for step in steps],
        "conversion": [step["conversion_rate"] for step in steps],
        "skipped": [step["skipped"] or 0 for step in steps],
        "skippedLabel": str(pgettext_lazy("funnel", "Skipped")),
        "branches": [
            {
                "names": [
                    step["branches"][slot]["name"] if slot < len(step["branches"]) else ""
                    for step in steps
                ],
                "entered": [
                    (step["branches"][slot]["entered"] or 0)
                    if slot < len(step["branches"])
                    else None
                    for step in steps
                ],
            }
            for slot in range(slots)
        ],
    }


def report_context(report) -> dict:
    """What the report block shows: the chart data, exits, trend and breakdowns when done."""
    if report is None:
        return {"report": None}
    context = {
        "report": report,
        "is_running": report.status in (JobStatus.PENDING, JobStatus.RUNNING),
    }
    if report.status != JobStatus.DONE or not report.result:
        return context
    view = funnel_view(report.result)
    stages = view["stages"]
    context["funnel"] = view
    context["chart"] = {
        "labels": [row["name"] for row in stages],
        "entered": [row["entered"] or 0 for row in stages],
        "dropOff": [row["drop_off_rate"] for row in stages],
        "conversion": [row["conversion_rate"] for row in stages],
        "worst": [row["is_worst"] for row in stages],
    }
    steps = view["steps"]
    context["has_steps"] = any(len(step["stages"]) > 1 or step["optional"] for step in steps)
    if context["has_steps"]:
        context["chart"]["steps"] = step_chart(steps)
        # Steps are numbered 1, 2, ... in order, as the map's step headers are (``step`` itself
        # is the stages' group value, 0-based and not necessarily consecutive).
        for number, step in enumerate(steps, start=1):
            step["number"] = number
            for row in step["branches"]:  # the table of stages shows each stage's step
                row.update(step=number, step_optional=step["optional"])
                row["is_branch"] = len(step["stages"]) > 1
    context["trend_chart"] = {
        # Written on the server in the reader's date format (docs/dates.md).
        "labels": [_week_label(week["week_start"]) for week in view["trend"]],
        "enteredLabel": str(_("Customers who entered")),
        "conversionLabel": str(_("Reached the last stage, %")),
        "entered": [week["entered"] for week in view["trend"]],
        "conversion": [week["conversion_rate"] for week in view["trend"]],
    }
    breakdowns = []
    for by in (Breakdown.SEGMENT, Breakdown.CHANNEL):
        try:
            breakdown = funnel_breakdown(report=report, by=by)
        except ValidationError:
            continue
        breakdown["title"] = Breakdown(by).label
        breakdown["stage_names"] = [row["name"] for row in stages]
        last_step = set(steps[-1]["stages"]) if steps else set()
        for group in breakdown["groups"]:
            group["entered_list"] = [row["entered"] for row in group["stages"]]
            finals = [row["entered"] for row in group["stages"] if row["stage"] in last_step]
            last = sum(finals) if finals and None not in finals else None
            group["conversion_rate"] = (
                last / group["customers"] if group["customers"] and last is not None else None
            )
        breakdowns.append(breakdown)
    context["breakdowns"] = breakdowns
    return context


@login_required
@require_http_methods(["GET", "POST"])
def funnel_detail(request: HttpRequest, journey_id: int) -> HttpResponse:
    """The funnel page: the request form, then the chosen (or latest) report."""
    journey = journey_get(user=request.user, pk=journey_id)
    context = page_of(request, journey.workspace)
    form_kwargs = {"user": request.user, "workspace": journey.workspace}
    if request.method == "POST":
        if not context["can_edit"]:
            raise PermissionDenied
        form = FunnelRequestForm(request.POST, **form_kwargs)
        if form.is_valid():
            try:
                report = funnel_report_request(
                    actor=request.user, journey=journey, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                url = reverse("cjm:funnel_detail", kwargs={"journey_id": journey.pk})
                return redirect(f"{url}?report={report.pk}")
    reports = funnel_report_list(user=request.user, journey=journey)
    report = None
    report_id = request.GET.get("report", "")
    if report_id.isdigit():
        report = reports.filter(pk=int(report_id)).first()
        if report is None:
            raise Http404("No such report.")
    else:
        report = reports.first()
    if request.method != "POST":
        form = FunnelRequestForm(initial=_initial(report), **form_kwargs)
    context.update(
        {
            "journey": journey,
            "form": form,
            "recent_reports": list(reports[:8]),
            "manual_funnels": list(manual_funnel_list(user=request.user, journey=journey)[:8]),
            **report_context(report),
        }
    )
    status = 400 if request.method == "POST" else 200
    return render_page(
        request, "cjm/funnel_detail.html", "cjm/partials/funnel/_report.html", context, status
    )


@login_required
def funnel_report_status(request: HttpRequest, report_id: int) -> HttpResponse:
    """The report block alone (htmx polls it while the job runs); without htmx the page."""
    report = funnel_report_get(user=request.user, pk=report_id)
    if not request.htmx:
        url = reverse("cjm:funnel_detail", kwargs={"journey_id": report.journey_id})
        return redirect(f"{url}?report={report.pk}")
    journey = journey_get(user=request.user, pk=report.journey_id)
    context = page_of(request, journey.workspace)
    context.update({"journey": journey, **report_context(report)})
    return render_page(
        request, "cjm/funnel_detail.html", "cjm/partials/funnel/_report.html", context
    )


def _int_param(request: HttpRequest, name: str) -> int | None:
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() else None


@login_required
def funnel_dropped(request: HttpRequest, report_id: int) -> HttpResponse:
    """Customers who entered a stage and left there (optionally at one touchpoint); CSV with
    ``?format=csv``."""
    report = funnel_report_get(user=request.user, pk=report_id)
    stage = _int_param(request, "stage")
    touchpoint = _int_param(request, "touchpoint")
    if stage is None:
        raise Http404("No stage.")
    try:
        if request.GET.get("format") == "csv":
            lines = funnel_dropped_customers_csv(report=report, stage=stage, touchpoint=touchpoint)
            response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
            name = f"dropped-report{report.pk}-stage{stage}.csv"
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
        rows = funnel_dropped_customers(report=report, stage=stage, touchpoint=touchpoint)
        total = rows.count()
        progress_rows = list(rows[:DROPPED_LIMIT])
    except ValidationError as error:
        raise Http404(" ".join(error.messages)) from error
    journey = journey_get(user=request.user, pk=report.journey_id)
    context = page_of(request, journey.workspace)
    view = funnel_view(report.result or {})
    stage_name = next((s["name"] for s in view["stages"] if s["stage"] == stage), "")
    touchpoint_name = next(
        (e["touchpoint_name"] for e in view["exit_touchpoints"] if e["touchpoint"] == touchpoint),
        "",
    )
    context.update(
        {
            "journey": journey,
            "report": report,
            "stage_id": stage,
            "stage_name": stage_name,
            "touchpoint_id": touchpoint,
            "touchpoint_name": touchpoint_name,
            "total": total,
            "limit": DROPPED_LIMIT,
            "rows": [
                {"progress": row, "customer": row.customer, "reached_at": reached_stage_at(row)}
                for row in progress_rows
            ],
        }
    )
    return render_page(
        request, "cjm/funnel_dropped.html", "cjm/partials/funnel/_dropped_rows.html", context
    )
