"""Browser pages of the evidence slice (in the ``cjm`` namespace, mounted by cjm/web_urls.py):

- ``actions/<id>/impact/``: a done action's impact card; the touchpoint drawer loads it with
  htmx (the partial), a plain link shows it on a page of its own;
- ``journeys/<id>/moments-of-truth/``: "What to fix first", the journey's ledger with the
  score explained.
Any member reads both; another workspace's action or journey is a 404.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cjm.core.pages import page_of
from touchpoints.choices import ActionStatus

from .impact import DEFAULT_WINDOW_DAYS, MAX_WINDOW_DAYS, MIN_CUSTOMERS, MIN_WINDOW_DAYS
from .selectors import WEIGHTS, action_impact, impact_action_get, moments_of_truth, stale_days


def _window_days(request: HttpRequest) -> int:
    raw = request.GET.get("window_days", "")
    if raw.isdigit() and MIN_WINDOW_DAYS <= int(raw) <= MAX_WINDOW_DAYS:
        return int(raw)
    return DEFAULT_WINDOW_DAYS


@login_required
@require_GET
def action_impact_card(request: HttpRequest, action_id: int) -> HttpResponse:
    action = impact_action_get(user=request.user, pk=action_id)
    context = {
        **page_of(request, action.touchpoint.stage.journey.workspace),
        "action": action,
        "journey": action.touchpoint.stage.journey,
        "impact": None,
        "window_choices": (7, 14, 28, 56, 90),
        "min_customers": MIN_CUSTOMERS,
    }
    if action.status == ActionStatus.DONE and action.done_at is not None:
        context["impact"] = action_impact(action=action, window_days=_window_days(request))
    if request.htmx:
        return render(request, "evidence/partials/_impact_card.html", context)
    return render(request, "evidence/action_impact.html", context)


@login_required
@require_GET
def moments_of_truth_page(request: HttpRequest, journey_id: int) -> HttpResponse:
    journey, rows = moments_of_truth(user=request.user, journey_id=journey_id)
    context = {
        **page_of(request, journey.workspace),
        "journey": journey,
        "rows": rows,
        "weights": WEIGHTS,
        "stale_days": stale_days(),
        "stale_count": sum(1 for row in rows if row.stale),
        "has_report": any(row.last_report_at for row in rows),
    }
    return render(request, "evidence/moments_of_truth.html", context)
