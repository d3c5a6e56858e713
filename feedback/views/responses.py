"""The responses table with filters."""

import datetime

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from feedback import metrics, selectors
from feedback.choices import SurveyKind
from feedback.forms import ResponseFilterForm
from feedback.views.common import workspace_context

PAGE_SIZE = 50

GROUPS = {
    "promoters": {"kind": SurveyKind.NPS, "score__gte": metrics.PROMOTER_FROM},
    "passives": {
        "kind": SurveyKind.NPS,
        "score__gt": metrics.DETRACTOR_UP_TO,
        "score__lt": metrics.PROMOTER_FROM,
    },
    "detractors": {"kind": SurveyKind.NPS, "score__lte": metrics.DETRACTOR_UP_TO},
    "satisfied": {"kind": SurveyKind.CSAT, "score__gte": metrics.SATISFIED_FROM},
    "unsatisfied": {"kind": SurveyKind.CSAT, "score__lt": metrics.SATISFIED_FROM},
}


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def filter_responses(qs, data: dict):
    for name in ("survey", "kind", "sentiment", "touchpoint"):
        if data.get(name):
            qs = qs.filter(**{name: data[name]})
    if data.get("group"):
        qs = qs.filter(**GROUPS[data["group"]])
    if data.get("customer"):
        qs = qs.filter(customer_external_id=data["customer"])
    if data.get("date_from"):
        qs = qs.filter(created_at__gte=_day_start(data["date_from"]))
    if data.get("date_to"):
        qs = qs.filter(created_at__lt=_day_start(data["date_to"] + datetime.timedelta(days=1)))
    return qs


@login_required
def response_list(request: HttpRequest, workspace_id: int) -> HttpResponse:
    context = workspace_context(request, workspace_id, "responses")
    workspace = context["workspace"]
    form = ResponseFilterForm(request.GET or None, workspace=workspace)
    qs = selectors.response_list(user=request.user, workspace=workspace)
    if form.is_bound and form.is_valid():
        qs = filter_responses(qs, form.cleaned_data)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "feedback/response_list.html",
        {**context, "form": form, "page": page, "query": query.urlencode()},
    )
