"""Improvement actions in the touchpoint drawer (htmx).

``touchpoints/<id>/actions/`` adds an action (POST); ``actions/<id>/`` changes its status
(POST: complete, reopen; the assignee may do this even as a viewer) or deletes it (DELETE).
Each answers with the drawer's actions section and, out of band, the touchpoint's card (its
open-action count changes).
"""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cjm.core.editor import editor_view, form_errors_from, require_editor
from cjm.core.permissions import has_role
from cjm.core.roles import Role
from cjm.map.cards import touchpoint_card
from cjm.map.render import journey_url
from touchpoints.choices import RATING_CHOICES
from touchpoints.forms import ActionForm, ActionStatusForm
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


@editor_view(["POST"])
def action_list(request: HttpRequest, touchpoint_id: int) -> HttpResponse:
    touchpoint = touchpoint_get(user=request.user, pk=touchpoint_id)
    workspace_id = touchpoint.stage.journey.workspace_id
    require_editor(request.user, workspace_id)
    form = ActionForm(request.POST, workspace_id=workspace_id)
    if form.is_valid():
        try:
            action_create(actor=request.user, touchpoint=touchpoint, **form.cleaned_data)
            return _section(request, touchpoint)
        except ValidationError as error:
            form_errors_from(form, error)
    return _section(request, touchpoint, status=422, action_form=form)


@editor_view(["POST", "DELETE"])
def action_detail(request: HttpRequest, action_id: int) -> HttpResponse:
    action = action_selector(user=request.user).filter(pk=action_id).first()
    if action is None:
        raise Http404("No such action.")
    touchpoint = touchpoint_get(user=request.user, pk=action.touchpoint_id)
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
