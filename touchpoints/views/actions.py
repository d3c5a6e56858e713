"""Improvement actions in the touchpoint drawer (htmx).

``touchpoints/<id>/actions/`` is the drawer's actions section (GET) and adds an action (POST);
``actions/<id>/`` changes its status (POST: complete, reopen; the assignee may do this even as a
viewer) or deletes it (DELETE); ``actions/<id>/edit/`` is the section with that action's edit
form open (GET) and saves it (POST: title, description, assignee, due date, status, with the
``version`` the user saw; editors). Each answers with the drawer's actions section and, out of
band, the touchpoint's card (its open-action count changes). A due date set in the past is
saved (the API takes it too) with a warning that the action is overdue already.
"""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from cjm.core.editor import editor_view, form_errors_from, require_editor
from cjm.core.permissions import has_role
from cjm.core.roles import Role
from cjm.map.cards import touchpoint_card
from cjm.map.render import journey_url
from touchpoints.choices import RATING_CHOICES
from touchpoints.forms import ActionEditForm, ActionForm, ActionStatusForm
from touchpoints.selectors import action_list as action_selector
from touchpoints.selectors import touchpoint_get
from touchpoints.services import action_create, action_delete, action_update

from .drawer import actions_context

SECTION = "touchpoints/partials/_actions.html"


def _section(request: HttpRequest, touchpoint, status: int = 200, **extra) -> HttpResponse:
    if not request.htmx:
        return redirect(journey_url(touchpoint.stage.journey_id))
    can_edit = has_role(request.user, touchpoint.stage.journey.workspace_id, Role.EDITOR)
    context = actions_context(request, touchpoint, can_edit, **extra)
    context["oob_card"] = touchpoint_card(user=request.user, pk=touchpoint.pk)
    context["rating_choices"] = RATING_CHOICES
    return render(request, SECTION, context, status=status)


def past_due_warning(due_date) -> str:
    """What the drawer says when an open action is given a due date that has already passed."""
    if due_date is None or due_date >= timezone.localdate():
        return ""
    return _(
        "Saved, but the due date %(date)s has already passed: the action shows as overdue. "
        "Change the date if that was a slip."
    ) % {"date": formats.date_format(due_date, "DATE_FORMAT")}


@editor_view(["GET", "POST"])
def action_list(request: HttpRequest, touchpoint_id: int) -> HttpResponse:
    touchpoint = touchpoint_get(user=request.user, pk=touchpoint_id)
    workspace_id = touchpoint.stage.journey.workspace_id
    if request.method == "GET":  # the section again: what "cancel" of an edit shows
        return _section(request, touchpoint)
    require_editor(request.user, workspace_id)
    form = ActionForm(request.POST, workspace_id=workspace_id)
    if form.is_valid():
        try:
            action = action_create(actor=request.user, touchpoint=touchpoint, **form.cleaned_data)
            warning = past_due_warning(action.due_date) if action.is_open else ""
            return _section(request, touchpoint, due_warning=warning)
        except ValidationError as error:
            form_errors_from(form, error)
    return _section(request, touchpoint, status=422, action_form=form)


def _action_of(request: HttpRequest, action_id: int):
    action = action_selector(user=request.user).filter(pk=action_id).first()
    if action is None:
        raise Http404("No such action.")
    return action, touchpoint_get(user=request.user, pk=action.touchpoint_id)


@editor_view(["GET", "POST"])
def action_edit(request: HttpRequest, action_id: int) -> HttpResponse:
    """The actions section with one action's edit form open (GET), or that form saved (POST)."""
    action, touchpoint = _action_of(request, action_id)
    workspace_id = touchpoint.stage.journey.workspace_id
    require_editor(request.user, workspace_id)
    if request.method == "GET":
        initial = ActionEditForm.initial_from(action)
        form = ActionEditForm(initial=initial, workspace_id=workspace_id, action_id=action.pk)
        return _section(request, touchpoint, edit_form=form, editing=action.pk)
    form = ActionEditForm(request.POST, workspace_id=workspace_id, action_id=action.pk)
    if form.is_valid():
        try:
            saved = action_update(
                actor=request.user,
                action=action,
                expected_version=form.cleaned_data["version"],
                **form.changes(),
            )
            moved = saved.due_date != action.due_date
            warning = past_due_warning(saved.due_date) if moved and saved.is_open else ""
            return _section(request, touchpoint, due_warning=warning)
        except ValidationError as error:
            form_errors_from(form, error)
    return _section(request, touchpoint, status=422, edit_form=form, editing=action.pk)


@editor_view(["POST", "DELETE"])
def action_detail(request: HttpRequest, action_id: int) -> HttpResponse:
    action, touchpoint = _action_of(request, action_id)
    if request.method == "DELETE":
        require_editor(request.user, touchpoint.stage.journey.workspace_id)
        version = request.GET.get("version")
        action_delete(
            actor=request.user,
            action=action,
            expected_version=int(version) if version and version.isdigit() else None,
        )
        return _section(request, touchpoint)
    form = ActionStatusForm(request.POST)
    if not form.is_valid():
        return _section(request, touchpoint, status=400)
    # The service decides: editors change any action, the assignee their own (403 otherwise).
    action_update(
        actor=request.user,
        action=action,
        expected_version=form.cleaned_data["version"],
        status=form.cleaned_data["status"],
    )
    return _section(request, touchpoint)
