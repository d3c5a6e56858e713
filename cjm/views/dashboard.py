"""What the workspace home shows besides its journeys: the lists that need someone's attention.

- touchpoints without an owner (neither a person nor a team: question 3 of seed 000 unanswered),
- awful touchpoints without an open improvement action (nobody is fixing them: question 4),
- overdue improvement actions.

Each list shows a few rows (worst first) and its full size, links every touchpoint to its place
on the map (``?touchpoint=<id>`` opens the editor's drawer) and to the register filtered the
same way. A constant number of queries, whatever the size of the workspace.
"""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from cjm.choices import JourneyStatus
from cjm.core.display import display_name, initials
from cjm.evidence.selectors import stale_days, stale_maps
from cjm.map.cards import rating_summary
from cjm.selectors import journey_list
from touchpoints.choices import Rating
from touchpoints.selectors import action_overdue_list, rating_counts, touchpoint_list

# How many rows each list of the workspace home shows (the register shows them all).
SHOWN = 6


def touchpoint_on_map(touchpoint) -> str:
    """The map of a touchpoint, opened at it (the editor opens its drawer)."""
    url = reverse("cjm:journey_detail", kwargs={"journey_id": touchpoint.stage.journey_id})
    return f"{url}?{urlencode({'touchpoint': touchpoint.pk})}"


def register_url(workspace, **filters) -> str:
    url = reverse("touchpoints:touchpoint_list", kwargs={"workspace_id": workspace.pk})
    return f"{url}?{urlencode(filters, doseq=True)}" if filters else url


def _few(queryset, shown: int = SHOWN) -> tuple[list, bool]:
    """The first ``shown`` rows, and whether there are more (the counts are always queried, so
    the number of queries does not depend on the data)."""
    rows = list(queryset[: shown + 1])
    return rows[:shown], len(rows) > shown


def dashboard_context(request, workspace) -> dict:
    user = request.user
    journeys = list(
        journey_list(user=user, workspace=workspace).exclude(status=JourneyStatus.ARCHIVED)
    )
    touchpoints = touchpoint_list(user=user, workspace=workspace)
    counts = rating_counts(touchpoints)

    unowned_qs = touchpoints.filter(owner__isnull=True, team__isnull=True).order_by(
        "-importance", "stage__journey__title", "stage__position", "position"
    )
    unowned, unowned_more = _few(unowned_qs)
    unfixed_qs = touchpoints.filter(rating=Rating.AWFUL, open_action_count=0).order_by(
        "-is_critical", "-importance", "stage__journey__title", "stage__position", "position"
    )
    unfixed, unfixed_more = _few(unfixed_qs)
    overdue, overdue_more = _few(
        action_overdue_list(user=user, workspace=workspace).order_by("due_date", "id"), 6
    )

    today = timezone.localdate()
    for action in overdue:
        action.days_overdue = (today - action.due_date).days
        action.assignee_name = display_name(action.assignee)
        action.assignee_initials = initials(action.assignee)
        action.map_url = touchpoint_on_map(action.touchpoint)
    for touchpoint in (*unowned, *unfixed):
        touchpoint.map_url = touchpoint_on_map(touchpoint)

    return {
        "workspace": workspace,
        "journeys": journeys,
        "ratings": rating_summary(counts),
        "open_action_total": sum(j.open_action_count for j in journeys),
        "overdue_actions": overdue,
        "overdue_more": overdue_more,
        "overdue_count": action_overdue_list(user=user, workspace=workspace).count(),
        "unowned": unowned,
        "unowned_count": unowned_qs.count(),
        "unowned_url": register_url(workspace, owner="none", team="none"),
        "unfixed": unfixed,
        "unfixed_count": unfixed_qs.count(),
        "unfixed_url": register_url(workspace, rating="awful", open_actions="none"),
        "overdue_url": register_url(workspace, has_overdue_action="true"),
        "register_url": register_url(workspace),
        "stale_maps": stale_maps(journeys=journeys),
        "stale_days": stale_days(),
    }
