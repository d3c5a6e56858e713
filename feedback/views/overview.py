"""The feedback overview: NPS / CSAT / CES over time, touchpoints with suggested ratings, the
evidence-based emotion curve of a journey, the latest complaints; settings; one-click actions."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cjm.core.permissions import require_role
from cjm.core.roles import Role
from cjm.models import Journey, Stage
from cjm.selectors import journey_list
from feedback import selectors, services, tasks
from feedback.choices import MetricDimension, Sentiment, SurveyKind
from feedback.forms import FeedbackSettingsForm
from feedback.selectors.metrics import AggregatesState, aggregates_state
from feedback.views.charts import emotion_chart, line_chart
from feedback.views.common import add_service_errors, error_list, workspace_context
from touchpoints.models import Channel
from touchpoints.selectors import touchpoint_get, touchpoint_list

WEEKS = 12
CHARTS = [
    (SurveyKind.NPS, "NPS", -100, 100, [-100, 0, 100]),
    (SurveyKind.CSAT, "CSAT, %", 0, 100, [0, 50, 100]),
    (SurveyKind.CES, "CES", 1, 7, [1, 4, 7]),
]
COMPLAINTS_SHOWN = 5
# Up to this many answers the charts are recomputed inside the request when they are stale (a few
# grouped queries, well under a second); above it the refresh is queued and the page polls.
SYNC_REFRESH_MAX_ANSWERS = 50_000
BREAKDOWNS = [
    (MetricDimension.JOURNEY, "journey"),
    (MetricDimension.STAGE, "stage"),
    (MetricDimension.CHANNEL, "channel"),
]


def _breakdowns(workspace, since) -> list[dict]:
    """NPS / CSAT / CES with answer counts per journey, stage and channel (from the aggregates),
    each thing named, most answers first."""
    names = {
        MetricDimension.JOURNEY: dict(
            Journey.objects.filter(workspace=workspace).values_list("pk", "title")
        ),
        MetricDimension.STAGE: {
            pk: (name, title)
            for pk, name, title in Stage.objects.filter(journey__workspace=workspace).values_list(
                "pk", "name", "journey__title"
            )
        },
        MetricDimension.CHANNEL: dict(
            Channel.objects.filter(workspace=workspace).values_list("pk", "name")
        ),
    }
    tables = []
    for dimension, key in BREAKDOWNS:
        rows: dict[int, dict] = {}
        for kind in SurveyKind.values:
            found = selectors.metric_breakdown(
                workspace_id=workspace.pk, kind=kind, dimension=dimension, since=since
            )
            for pk, cell in found.items():
                if pk in names[dimension]:
                    name = names[dimension][pk]
                    name, sub = name if isinstance(name, tuple) else (name, "")
                    row = rows.setdefault(pk, {"name": name, "sub": sub, "total": 0})
                    row[kind] = cell
                    row["total"] += cell["responses"]
        ordered = sorted(rows.values(), key=lambda r: (-r["total"], r["name"]))
        tables.append({"key": key, "rows": ordered})
    return tables


def _charts(workspace_id: int) -> list[dict]:
    charts = []
    for kind, title, low, high, ticks in CHARTS:
        series = selectors.metric_series(
            workspace_id=workspace_id, kind=kind, dimension=MetricDimension.WORKSPACE, weeks=WEEKS
        )
        total = selectors.metric_breakdown(
            workspace_id=workspace_id,
            kind=kind,
            dimension=MetricDimension.WORKSPACE,
            since=series[0]["week"],
        ).get(0, {"responses": 0, "value": None})
        chart = line_chart(
            series,
            low=low,
            high=high,
            ticks=ticks,
            label_of=lambda item: formats.date_format(item["week"], "MONTH_DAY_FORMAT"),
        )
        charts.append({"kind": kind, "title": title, "total": total, **chart})
    return charts


def _touchpoint_rows(request, workspace) -> list:
    touchpoints = list(touchpoint_list(user=request.user, workspace=workspace))
    found = selectors.touchpoint_feedback(workspace_id=workspace.pk)
    rows = [(tp, found[tp.pk]) for tp in touchpoints if tp.pk in found]
    # Where feedback disagrees with the manual rating first, then the weakest evidence index.
    rows.sort(
        key=lambda r: (
            not (r[1].suggested_rating and r[1].suggested_rating != r[0].rating),
            r[1].index if r[1].index is not None else 101,
        )
    )
    return rows


def _fresh_aggregates(workspace_id: int) -> tuple[AggregatesState, bool]:
    """The charts' state, brought up to date when answers arrived since the last refresh (or
    none was ever made): at once for a small workspace, else queued once (the page polls).
    Returns (state, computing)."""
    state = aggregates_state(workspace_id=workspace_id)
    if not state.stale:
        return state, False
    if state.answers <= SYNC_REFRESH_MAX_ANSWERS:
        services.feedback_aggregates_refresh(actor=None, workspace_id=workspace_id)
        return aggregates_state(workspace_id=workspace_id), False
    if cache.add(tasks.REFRESH_QUEUED_KEY.format(workspace_id), 1, timeout=120):
        tasks.feedback_aggregates_refresh.delay(workspace_id)
    return state, True


@login_required
def overview(request: HttpRequest, workspace_id: int) -> HttpResponse:
    context = workspace_context(request, workspace_id, "overview")
    workspace = context["workspace"]
    state, computing = _fresh_aggregates(workspace.pk)
    journeys = list(journey_list(user=request.user, workspace=workspace))
    journey = next((j for j in journeys if str(j.pk) == request.GET.get("journey")), None)
    journey = journey or (journeys[0] if journeys else None)
    emotion = None
    if journey is not None:
        rows = selectors.journey_emotion_rows(journey=journey)
        emotion = {"rows": rows, **emotion_chart(rows)} if rows else None
    since = timezone.now() - datetime.timedelta(
        days=context["feedback_settings"].suggest_window_days
    )
    complaints = {
        "responses": list(
            selectors.response_list(user=request.user, workspace=workspace).filter(
                sentiment=Sentiment.NEGATIVE, created_at__gte=since
            )[:COMPLAINTS_SHOWN]
        ),
        "reviews": list(
            selectors.review_list(user=request.user, workspace=workspace).filter(
                sentiment=Sentiment.NEGATIVE, published_at__gte=since
            )[:COMPLAINTS_SHOWN]
        ),
    }
    return render(
        request,
        "feedback/overview.html",
        {
            **context,
            "charts": _charts(workspace.pk),
            "breakdowns": _breakdowns(
                workspace, timezone.localdate() - datetime.timedelta(weeks=WEEKS - 1)
            ),
            "review_score": selectors.review_score(workspace_id=workspace.pk, since=since),
            "weeks": WEEKS,
            "refreshed_at": state.refreshed_at,
            "computing": computing,
            "touchpoint_rows": _touchpoint_rows(request, workspace),
            "journeys": journeys,
            "journey": journey,
            "emotion": emotion,
            "complaints": complaints,
        },
    )


@login_required
@require_POST
def metrics_refresh(request: HttpRequest, workspace_id: int) -> HttpResponse:
    workspace_context(request, workspace_id, "overview")
    require_role(request.user, workspace_id, Role.EDITOR)
    tasks.feedback_aggregates_refresh.delay(workspace_id)
    messages.success(request, _("The charts are being refreshed."))
    return redirect("feedback:overview", workspace_id=workspace_id)


@login_required
@require_POST
def touchpoint_apply_rating(request: HttpRequest, workspace_id: int, pk: int) -> HttpResponse:
    touchpoint = touchpoint_get(user=request.user, pk=pk)
    try:
        updated = services.touchpoint_apply_suggested_rating(
            actor=request.user, touchpoint=touchpoint
        )
    except ValidationError as exc:
        for message in error_list(exc):
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("“%(name)s” is now rated “%(rating)s” (saved in its rating history).")
            % {"name": updated.name, "rating": updated.get_rating_display()},
        )
    target = request.POST.get("next", "")
    if target.startswith("/") and not target.startswith("//"):
        return redirect(target)
    return redirect("feedback:overview", workspace_id=touchpoint.stage.journey.workspace_id)


@login_required
def settings_edit(request: HttpRequest, workspace_id: int) -> HttpResponse:
    context = workspace_context(request, workspace_id, "settings")
    workspace = context["workspace"]
    if request.method == "POST":
        require_role(request.user, workspace.pk, Role.EDITOR)
    form = FeedbackSettingsForm(request.POST or None, instance=context["feedback_settings"])
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_settings_update(
                actor=request.user, workspace=workspace, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Feedback settings saved."))
            return redirect("feedback:settings", workspace_id=workspace.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "feedback/settings_form.html", {**context, "form": form}, status=status)
