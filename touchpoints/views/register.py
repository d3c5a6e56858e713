"""The touchpoint register: every touchpoint of a workspace in one table.

Filters (journey, stage, rating, owner, team, channel, category, critical, overdue action, open
actions, words) and sorting are ``touchpoints.filters.TouchpointFilterSet``, the touchpoints API's
own, by the same parameter names (the register's older names still work). Above
the table, the four questions of seed 000 are answered for whatever the filters select:
how many touchpoints and which, how good each one is, who is responsible, and what will be done
better by when. The filtered table also downloads as CSV (the link carries the page's filters;
texts a spreadsheet would run as formulas start with '). A constant number of queries, whatever
the number of touchpoints.
"""

import csv
import datetime

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Min, Q
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone, translation

from cjm.core.display import person_initials, person_name
from cjm.core.pages import render_page, workspace_page
from cjm.core.scoping import workspace_member_list, workspace_team_list
from cjm.evidence.outcomes import attach_outcomes
from cjm.map.cards import rating_summary
from touchpoints import selectors
from touchpoints.choices import OPEN_ACTION_STATUSES, ActionStatus, Rating, TouchpointCategory
from touchpoints.filters import TouchpointFilterSet
from touchpoints.models import Touchpoint
from touchpoints.register_table import register_header, register_row

PAGE_SIZE = 50
TOP_OWNERS = 4
NEXT_ACTIONS = 3


def register_queryset(request: HttpRequest, workspace):
    """The selector's touchpoints plus the next due date of their open actions."""
    return selectors.touchpoint_list(user=request.user, workspace=workspace).annotate(
        next_due=Min("actions__due_date", filter=Q(actions__status__in=OPEN_ACTION_STATUSES))
    )


# The register's parameters before it shared the API's FilterSet: old links keep working.
YES_NO = {"yes": "true", "no": "false"}
OLD_SORT = {"importance": "-importance", "rating": "rating"}
OLD_NAMES = {
    "q": ("search", str),
    "critical": ("is_critical", YES_NO.get),
    "overdue": ("has_overdue_action", YES_NO.get),
    "actions": ("open_actions", str),
    "sort": ("ordering", OLD_SORT.get),
}


def query_of(request: HttpRequest, data=None):
    """The query string in the FilterSet's names (older register links translated)."""
    data = (request.GET if data is None else data).copy()
    for old, (name, translate) in OLD_NAMES.items():
        if old in data:
            value = data.pop(old)[-1]
            data.setdefault(name, translate(value) or value)
    return data


def filtered(request: HttpRequest, workspace, data=None) -> TouchpointFilterSet:
    data = query_of(request, data)
    return TouchpointFilterSet(
        data or None,
        queryset=register_queryset(request, workspace),
        request=request,
        workspace=workspace,
        lenient=True,
    )


def _name_parts(row: dict, prefix: str) -> tuple[str, str, str]:
    return (row[f"{prefix}__first_name"], row[f"{prefix}__last_name"], row[f"{prefix}__username"])


def four_answers(request: HttpRequest, workspace, touchpoints, rating_counts: dict) -> dict:
    """Seed 000's four questions, answered for the selected touchpoints."""
    ids = touchpoints.order_by().values("pk")
    plain = Touchpoint.objects.filter(pk__in=ids)
    overview = plain.aggregate(
        total=Count("id"),
        critical=Count("id", filter=Q(is_critical=True)),
        journeys=Count("stage__journey", distinct=True),
        stages=Count("stage", distinct=True),
        person=Count("id", filter=Q(owner__isnull=False)),
        team_only=Count("id", filter=Q(owner__isnull=True, team__isnull=False)),
        nobody=Count("id", filter=Q(owner__isnull=True, team__isnull=True)),
    )
    labels = dict(TouchpointCategory.choices)
    categories = [
        {"value": row["category"], "label": labels.get(row["category"], ""), "count": row["n"]}
        for row in plain.values("category").annotate(n=Count("id")).order_by("-n", "category")
    ]
    names = ("owner__first_name", "owner__last_name", "owner__username")
    owners = [
        {
            "id": row["owner"],
            "name": person_name(*_name_parts(row, "owner")),
            "initials": person_initials(*_name_parts(row, "owner")),
            "count": row["n"],
            "awful": row["awful"],
        }
        for row in plain.filter(owner__isnull=False)
        .values("owner", *names)
        .annotate(n=Count("id"), awful=Count("id", filter=Q(rating=Rating.AWFUL)))
        .order_by("-n", "owner__username")[:TOP_OWNERS]
    ]
    today = timezone.localdate()
    actions = selectors.action_list(user=request.user, workspace=workspace).filter(
        touchpoint__in=ids
    )
    open_q = Q(status__in=OPEN_ACTION_STATUSES)
    work = actions.aggregate(
        open=Count("id", filter=open_q),
        overdue=Count("id", filter=open_q & Q(due_date__lt=today)),
        undated=Count("id", filter=open_q & Q(due_date__isnull=True)),
        done_recently=Count(
            "id",
            filter=Q(
                status=ActionStatus.DONE, done_at__gte=timezone.now() - datetime.timedelta(30)
            ),
        ),
    )
    upcoming = list(
        actions.filter(open_q, due_date__isnull=False).order_by("due_date", "id")[:NEXT_ACTIONS]
    )
    for action in upcoming:
        action.is_late = action.due_date < today
    unfixed = touchpoints.filter(rating=Rating.AWFUL, open_action_count=0).count()
    total = overview["total"]
    return {
        "overview": overview,
        "categories": categories,
        "owners": owners,
        "owned_percent": round(100 * overview["person"] / total) if total else 0,
        "ratings": rating_summary(rating_counts)["items"],
        "work": work,
        "upcoming": upcoming,
        "unfixed": unfixed,
    }


def _without(query, *names):
    data = query.copy()
    for name in names:
        data.pop(name, None)
    return data


@login_required
def touchpoint_list(request: HttpRequest, workspace_id: int) -> HttpResponse:
    context = workspace_page(request, workspace_id)
    workspace = context["workspace"]
    query = query_of(request)
    filterset = filtered(request, workspace, query)
    touchpoints = filterset.qs
    # The counts per rating ignore the rating filter: they show what clicking a rating gives.
    counts_filterset = filtered(
        request, workspace, _without(query_of(request), "rating", "page", "ordering")
    )
    counts = selectors.rating_counts(counts_filterset.qs)
    page = Paginator(touchpoints, PAGE_SIZE).get_page(request.GET.get("page"))
    selected = set(filterset.form.cleaned_data.get("rating") or ()) if filterset.is_bound else set()
    for touchpoint in page:
        touchpoint.map_url = (
            reverse("cjm:journey_detail", kwargs={"journey_id": touchpoint.stage.journey_id})
            + f"?touchpoint={touchpoint.pk}"
        )
    attach_outcomes(page.object_list)  # done actions: worked, did not, too early (one query)
    context.update(
        filterset=filterset,
        form=filterset.form,
        bar_fields=[filterset.form[name] for name in TouchpointFilterSet.PAGE_FIELDS],
        page=page,
        answers=four_answers(request, workspace, touchpoints, counts),
        rating_total=sum(counts.values()),
        selected_ratings=selected,
        filtered=any(v for k, v in query.items() if k not in {"page", "ordering"}),
        sort=query.get("ordering", ""),
        today=timezone.localdate(),
    )
    if context["can_edit"]:  # the bulk-assign bar (touchpoints/views/bulk.py)
        context.update(
            bulk_members=list(workspace_member_list(workspace_id=workspace.pk)),
            bulk_teams=list(workspace_team_list(workspace_id=workspace.pk)),
            bulk_query=query.urlencode(),
        )
    return render_page(
        request,
        "touchpoints/touchpoint_list.html",
        "touchpoints/partials/_register_results.html",
        context,
    )


class _Echo:
    def write(self, value):
        return value


@login_required
def touchpoint_export(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """The register's filtered table as CSV (UTF-8 with a BOM, so spreadsheets read Cyrillic)."""
    context = workspace_page(request, workspace_id)
    workspace = context["workspace"]
    touchpoints = filtered(request, workspace).qs
    writer = csv.writer(_Echo())
    # The rows are written after the view returns: keep the page's language for them.
    language = translation.get_language()

    def rows():
        with translation.override(language):
            yield "\ufeff" + writer.writerow(register_header())
            for touchpoint in touchpoints.iterator(chunk_size=500):
                yield writer.writerow(register_row(touchpoint))

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    filename = f"touchpoints-{workspace.slug}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
