"""Reads of customers and their events, mapping rules, unmapped events and file imports."""

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.http import Http404

from cjm.core.scoping import member_workspace_ids
from cjm.core.tenancy import Workspace
from cjm.core.typing import Reader
from cjm.funnels.choices import JobStatus
from cjm.funnels.models import Customer, Event, EventImport, EventMappingRule, UnmappedEvent
from cjm.funnels.sidechannel import pending
from cjm.models import Journey, Stage
from touchpoints.models import Touchpoint


def _scoped(
    qs: QuerySet, user: Reader, workspace: Workspace | int | None, path: str = "workspace_id"
):
    qs = qs.filter(**{f"{path}__in": member_workspace_ids(user)})
    if workspace is not None:
        qs = qs.filter(**{path: getattr(workspace, "pk", workspace)})
    return qs


def _one(qs: QuerySet, pk, what: str):
    obj = qs.filter(pk=pk).first()
    if obj is None:
        raise Http404(f"No such {what}.")
    return obj


def customer_list(
    *, user: Reader, workspace=None, search: str = "", segment=None
) -> QuerySet[Customer]:
    """Customers of the user's workspaces; ``search`` matches the external id (the search box)."""
    qs = _scoped(Customer.objects.all(), user, workspace).select_related("segment")
    if search:
        qs = qs.filter(external_id__icontains=search.strip())
    if segment is not None:
        qs = qs.filter(segment_id=getattr(segment, "pk", segment))
    return qs.order_by("external_id", "id")


def customer_get(*, user: Reader, pk: int) -> Customer:
    return _one(customer_list(user=user), pk, "customer")


def workspace_stages(workspace_id: int) -> QuerySet:
    return Stage.objects.filter(journey__workspace_id=workspace_id).values("pk")


def events_of_customer(customer: Customer) -> QuerySet[Event]:
    """One customer's events, read through the funnel index: one (stage, customer) range per
    stage of the workspace (there is no index by customer alone; see Event.Meta)."""
    return Event.objects.filter(
        customer=customer, stage__in=workspace_stages(customer.workspace_id)
    )


def customer_timeline(*, customer: Customer) -> QuerySet[Event]:
    """Every event of one customer across channels and journeys, in time order (seed 003: the
    manager sees all previous touches)."""
    return (
        events_of_customer(customer)
        .select_related("stage", "stage__journey", "touchpoint", "channel")
        .order_by("occurred_at", "id")
    )


def event_list(*, user: Reader, workspace=None) -> QuerySet[Event]:
    """Events of the user's workspaces, the most recently received first."""
    return _scoped(Event.objects.all(), user, workspace).select_related("customer").order_by("-id")


def event_mapping_rule_list(*, user: Reader, workspace=None) -> QuerySet[EventMappingRule]:
    return (
        _scoped(EventMappingRule.objects.all(), user, workspace)
        .select_related("stage", "stage__journey", "touchpoint", "channel")
        .order_by("event_name", "property_name", "id")
    )


def event_mapping_rule_get(*, user: Reader, pk: int) -> EventMappingRule:
    return _one(event_mapping_rule_list(user=user), pk, "mapping rule")


def unmapped_event_list(*, user: Reader, workspace=None, event_name: str = "") -> QuerySet:
    qs = _scoped(UnmappedEvent.objects.all(), user, workspace)
    if event_name:
        qs = qs.filter(event_name=event_name)
    return qs.order_by("-received_at", "-id")


def unmapped_event_summary(*, user: Reader, workspace=None) -> QuerySet:
    """One row per unmapped event name: how many calls, when the first and last arrived.
    What the mapping page lists so users can map the names one by one."""
    return (
        unmapped_event_list(user=user, workspace=workspace)
        .order_by()
        .values("workspace_id", "event_name")
        .annotate(calls=Count("id"), last_received_at=Max("received_at"))
        .order_by("-calls", "event_name")
    )


def event_import_list(*, user: Reader, workspace=None) -> QuerySet[EventImport]:
    return (
        _scoped(EventImport.objects.all(), user, workspace)
        .select_related("created_by")
        .order_by("-created_at", "-id")
    )


def event_import_get(*, user: Reader, pk: int, live: bool = False) -> EventImport:
    """One import; ``live``: with the progress a running import on SQLite keeps in the cache
    (its transaction holds the database's only write lock: sidechannel.py)."""
    job = _one(event_import_list(user=user), pk, "import")
    if live and job.status == JobStatus.RUNNING:
        for name, value in pending(EventImport, job.pk).items():
            setattr(job, name, max(value, getattr(job, name)))
    return job


def customer_search(*, user: Reader, workspace, query: str, limit: int = 20) -> list[Customer]:
    """The timeline's search box: exact external id first, then ids containing the text."""
    query = query.strip()
    if not query:
        return []
    qs = customer_list(user=user, workspace=workspace)
    exact = list(qs.filter(external_id=query)[:1])
    rest = qs.filter(Q(external_id__icontains=query) & ~Q(external_id=query))[: limit - len(exact)]
    return exact + list(rest)


def journey_stages_with_touchpoints(*, journey: Journey) -> list[Stage]:
    """The journey's stages in map order, each with its touchpoints (and their channels) in
    order: what the sample import file names (two queries)."""
    touchpoints = Touchpoint.objects.select_related("channel").order_by("position", "id")
    return list(
        Stage.objects.filter(journey=journey)
        .order_by("position", "id")
        .prefetch_related(Prefetch("touchpoints", queryset=touchpoints))
    )


def workspace_stage_choices(workspace_id: int) -> QuerySet[Stage]:
    """Every stage of the workspace with its journey, for a mapping rule's choices."""
    return (
        Stage.objects.filter(journey__workspace_id=workspace_id)
        .select_related("journey")
        .order_by("journey__title", "journey_id", "position")
    )


def workspace_touchpoint_choices(workspace_id: int) -> QuerySet[Touchpoint]:
    """Every touchpoint of the workspace with its stage and journey."""
    return (
        Touchpoint.objects.filter(stage__journey__workspace_id=workspace_id)
        .select_related("stage", "stage__journey")
        .order_by("stage__journey__title", "stage__journey_id", "stage__position", "position")
    )
