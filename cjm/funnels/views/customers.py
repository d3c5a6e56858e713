"""Customers of a workspace: the search box and the omnichannel timeline of one customer.

The timeline shows every event of the customer across channels and journeys in time order,
with the customer's survey answers (feedback app) merged in at their time.
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse

from cjm.core.pages import page_of, render_page, workspace_page
from cjm.funnels.selectors.events import (
    customer_get,
    customer_list,
    customer_search,
    customer_timeline,
)
from feedback.facade import customer_response_list

SEARCH_LIMIT = 50
TIMELINE_PAGE_SIZE = 200


@login_required
def customer_list_page(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """Search customers by external id; without a query, the most recently seen customers."""
    context = workspace_page(request, workspace_id)
    workspace = context["workspace"]
    query = request.GET.get("q", "").strip()
    if query:
        customers = customer_search(
            user=request.user, workspace=workspace, query=query, limit=SEARCH_LIMIT
        )
    else:
        customers = list(
            customer_list(user=request.user, workspace=workspace).order_by(
                "-last_seen_at", "external_id", "id"
            )[:SEARCH_LIMIT]
        )
    context.update({"query": query, "customers": customers, "limit": SEARCH_LIMIT})
    return render_page(
        request, "cjm/customer_list.html", "cjm/partials/funnel/_customer_results.html", context
    )


def _answers(request: HttpRequest, customer) -> list:
    return list(
        customer_response_list(
            user=request.user, workspace=customer.workspace, customer=customer.external_id
        )[:TIMELINE_PAGE_SIZE]
    )


@login_required
def customer_detail(request: HttpRequest, customer_id: int) -> HttpResponse:
    """One customer's events across channels in time order, survey answers merged in."""
    customer = customer_get(user=request.user, pk=customer_id)
    context = page_of(request, customer.workspace)
    paginator = Paginator(customer_timeline(customer=customer), TIMELINE_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    items = [{"kind": "event", "at": event.occurred_at, "event": event} for event in page]
    if page.number == 1:
        answers = _answers(request, customer)
        items += [
            {"kind": "answer", "at": answer.created_at, "answer": answer} for answer in answers
        ]
        items.sort(key=lambda item: item["at"])
    channels = sorted(
        {i["event"].channel.name for i in items if i["kind"] == "event" and i["event"].channel}
    )
    context.update(
        {
            "customer": customer,
            "items": items,
            "page_obj": page,
            "event_count": paginator.count,
            "channels": channels,
        }
    )
    return render_page(
        request, "cjm/customer_detail.html", "cjm/partials/funnel/_timeline.html", context
    )
