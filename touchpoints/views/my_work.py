"""My work: the touchpoints I own (myself or through one of my teams) and the improvement actions
assigned to me, overdue first, with a quick status change for each of my actions.

The status change goes through ``touchpoints.services.action_update``, which lets the assignee
move their own action through its statuses even as a viewer. With htmx only the changed row is
sent back; without JavaScript the form posts and the page reloads.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Case, IntegerField, Q, Value, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cjm.core.exceptions import StaleVersionError
from cjm.core.pages import CONFLICT, INVALID, render_page, stale_message, workspace_page
from touchpoints import selectors, services
from touchpoints.choices import OPEN_ACTION_STATUSES, ActionStatus, Rating
from touchpoints.filters import RATING_RANK

DONE_SHOWN = 10
TEAM_ACTIONS_SHOWN = 20


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(choices=ActionStatus.choices)
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


def _map_url(touchpoint) -> str:
    url = reverse("cjm:journey_detail", kwargs={"journey_id": touchpoint.stage.journey_id})
    return f"{url}?touchpoint={touchpoint.pk}"


def _decorate(action, today) -> None:
    action.is_late = bool(action.is_open and action.due_date and action.due_date < today)
    action.days_late = (today - action.due_date).days if action.is_late else 0
    action.map_url = _map_url(action.touchpoint)


def my_actions(request: HttpRequest, workspace):
    """My open actions, overdue first, then by due date (no date last); and my recent done."""
    today = timezone.localdate()
    mine = selectors.action_list(user=request.user, workspace=workspace).filter(
        assignee_id=request.user.pk
    )
    open_actions = list(
        mine.filter(status__in=OPEN_ACTION_STATUSES)
        .annotate(
            urgency=Case(
                When(due_date__lt=today, then=Value(0)),
                When(due_date__isnull=False, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("urgency", "due_date", "id")
    )
    closed = list(
        mine.exclude(status__in=OPEN_ACTION_STATUSES).order_by("-updated_at", "-id")[:DONE_SHOWN]
    )
    for action in (*open_actions, *closed):
        _decorate(action, today)
    return open_actions, closed


def my_touchpoints(request: HttpRequest, workspace) -> list:
    """Touchpoints I own, or my teams own; overdue actions first, then the worst rated."""
    user = request.user
    touchpoints = list(
        selectors.touchpoint_list(user=user, workspace=workspace)
        .filter(Q(owner_id=user.pk) | Q(team__in=user.teams.values("pk")))
        .alias(rating_rank=RATING_RANK)
        .order_by("-has_overdue_action", "rating_rank", "-importance", "stage__journey__title")
    )
    for touchpoint in touchpoints:
        touchpoint.map_url = _map_url(touchpoint)
        touchpoint.via_team = touchpoint.owner_id != user.pk
    return touchpoints


def my_team_actions(request: HttpRequest, workspace) -> list:
    """Open actions on touchpoints my teams own, assigned to someone else or to nobody."""
    today = timezone.localdate()
    actions = list(
        selectors.action_list(user=request.user, workspace=workspace)
        .filter(
            status__in=OPEN_ACTION_STATUSES,
            touchpoint__team__in=request.user.teams.filter(workspace=workspace).values("pk"),
        )
        .exclude(assignee_id=request.user.pk)
        .select_related("touchpoint__team")[:TEAM_ACTIONS_SHOWN]
    )
    for action in actions:
        _decorate(action, today)
    return actions


@login_required
def my_work(request: HttpRequest, workspace_id: int) -> HttpResponse:
    context = workspace_page(request, workspace_id)
    workspace = context["workspace"]
    open_actions, closed = my_actions(request, workspace)
    touchpoints = my_touchpoints(request, workspace)
    context.update(
        open_actions=open_actions,
        closed_actions=closed,
        late_count=sum(1 for a in open_actions if a.is_late),
        touchpoints=touchpoints,
        team_actions=my_team_actions(request, workspace),
        awful_count=sum(1 for t in touchpoints if t.rating == Rating.AWFUL),
        status_choices=ActionStatus.choices,
        today=timezone.localdate(),
    )
    return render_page(
        request, "touchpoints/my_work.html", "touchpoints/partials/_my_actions.html", context
    )


@login_required
@require_POST
def my_work_action(request: HttpRequest, workspace_id: int, pk: int) -> HttpResponse:
    """Change the status of one of my actions (404 for anybody else's)."""
    context = workspace_page(request, workspace_id)
    action = selectors.action_get(user=request.user, pk=pk)
    if (
        action.assignee_id != request.user.pk
        or action.touchpoint.stage.journey.workspace_id != context["workspace"].pk
    ):
        raise Http404("Not one of your actions.")
    form = ActionStatusForm(request.POST)
    error, status = "", 200
    if not form.is_valid():
        error, status = _("Choose one of the statuses."), INVALID
    else:
        try:
            action = services.action_update(
                actor=request.user,
                action=action,
                expected_version=form.cleaned_data["version"],
                status=form.cleaned_data["status"],
            )
        except StaleVersionError as stale:
            error, status = stale_message(stale.current), CONFLICT
            action = selectors.action_get(user=request.user, pk=pk)
    if not request.htmx:
        if error:
            messages.error(request, error)
        else:
            messages.success(request, _("Status of “%(title)s” saved.") % {"title": action.title})
        return redirect("touchpoints:my_work", workspace_id=context["workspace"].pk)
    _decorate(action, timezone.localdate())
    context.update(action=action, error=error, status_choices=ActionStatus.choices, saved=not error)
    return render(request, "touchpoints/partials/_my_action_row.html", context, status=status)
