"""The touchpoint drawer: the side panel of the map editor for one touchpoint.

``touchpoints/<id>/`` shows the drawer (GET; a page of its own without htmx), saves the drawer's
form (POST, with the ``version`` the user saw) and deletes the touchpoint (DELETE). A save answers
with the drawer and, out of band, the map's grid (the card, the channels lane) and rating counts.
"""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from cjm.core.display import display_name
from cjm.core.editor import editor_view, form_errors_from, require_editor
from cjm.core.permissions import has_role
from cjm.core.roles import Role
from cjm.map.cards import decorate
from cjm.map.render import grid_oob, grid_response, journey_url
from touchpoints.choices import RATING_CHOICES
from touchpoints.forms import ActionForm, CommentForm, TouchpointForm
from touchpoints.selectors import (
    action_list,
    comment_list,
    rating_change_list,
    touchpoint_get,
)
from touchpoints.services import touchpoint_delete, touchpoint_update

DRAWER = "touchpoints/partials/_drawer.html"


def actions_context(request: HttpRequest, touchpoint, can_edit: bool, **extra) -> dict:
    workspace_id = touchpoint.stage.journey.workspace_id
    actions = list(action_list(user=request.user).filter(touchpoint=touchpoint))
    for action in actions:
        action.assignee_name = display_name(action.assignee)
        action.may_complete = can_edit or action.assignee_id == request.user.pk
    return {
        "touchpoint": touchpoint,
        "actions": actions,
        "action_form": extra.pop("action_form", None) or ActionForm(workspace_id=workspace_id),
        "can_edit": can_edit,
        "today": timezone.localdate(),
        **extra,
    }


def comments_context(request: HttpRequest, touchpoint, can_edit: bool, **extra) -> dict:
    comments = list(comment_list(user=request.user).filter(touchpoint=touchpoint))
    for comment in comments:
        comment.author_name = display_name(comment.author)
        comment.may_delete = can_edit or comment.author_id == request.user.pk
    return {
        "touchpoint": touchpoint,
        "comments": comments,
        "comment_form": extra.pop("comment_form", None) or CommentForm(),
        "can_edit": can_edit,
        **extra,
    }


def drawer_context(request: HttpRequest, touchpoint, form=None) -> dict:
    workspace_id = touchpoint.stage.journey.workspace_id
    can_edit = has_role(request.user, workspace_id, Role.EDITOR)
    decorate(touchpoint)
    if can_edit and form is None:
        form = TouchpointForm(
            initial=TouchpointForm.initial_from(touchpoint), workspace_id=workspace_id
        )
    history = list(rating_change_list(user=request.user).filter(touchpoint=touchpoint)[:20])
    for change in history:
        change.changed_by_name = display_name(change.changed_by)
    return {
        **actions_context(request, touchpoint, can_edit),
        **comments_context(request, touchpoint, can_edit),
        "touchpoint": touchpoint,
        "journey": touchpoint.stage.journey,
        "workspace": touchpoint.stage.journey.workspace,
        "form": form,
        "history": history,
        "can_edit": can_edit,
        "rating_choices": RATING_CHOICES,
    }


@editor_view(["GET", "POST", "DELETE"])
def touchpoint_detail(request: HttpRequest, touchpoint_id: int) -> HttpResponse:
    touchpoint = touchpoint_get(user=request.user, pk=touchpoint_id)
    workspace_id = touchpoint.stage.journey.workspace_id
    if request.method == "GET":
        context = drawer_context(request, touchpoint)
        if request.htmx:
            return render(request, DRAWER, context)
        request.workspace = touchpoint.stage.journey.workspace
        return render(request, "touchpoints/touchpoint_detail.html", context)
    require_editor(request.user, workspace_id)
    if request.method == "DELETE":
        version = request.GET.get("version")
        touchpoint_delete(
            actor=request.user,
            touchpoint=touchpoint,
            expected_version=int(version) if version and version.isdigit() else None,
        )
        response = grid_response(request, touchpoint.stage.journey_id)
        if request.htmx:
            response["HX-Retarget"] = "#map-grid"
            response["HX-Reswap"] = "innerHTML"
            response["HX-Trigger"] = "cjm:drawer-close"
        return response
    form = TouchpointForm(request.POST, workspace_id=workspace_id)
    if form.is_valid():
        try:
            touchpoint_update(
                actor=request.user,
                touchpoint=touchpoint,
                expected_version=form.cleaned_data["version"],
                **form.changes(),
            )
            if not request.htmx:
                return redirect(journey_url(touchpoint.stage.journey_id))
            fresh = touchpoint_get(user=request.user, pk=touchpoint.pk)
            context = drawer_context(request, fresh)
            context["saved"] = True
            # Not only the card: the channels lane and the rating counts follow the touchpoint.
            context["oob_grid"] = grid_oob(request, fresh.stage.journey_id)
            return render(request, DRAWER, context)
        except ValidationError as error:
            form_errors_from(form, error)
    return render(request, DRAWER, drawer_context(request, touchpoint, form=form), status=422)
