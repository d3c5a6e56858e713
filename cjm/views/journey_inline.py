"""The new-map form's inline helpers: create a segment or a persona without leaving the form.

Each endpoint writes through the personas services (editor role, validation, change records)
and answers the form's segment (or personas) part again, the new item selected and the choices
the person had already made kept. A bad name answers 400 with the message beside the box
(``data-swap-errors``: static/js/pages.js swaps it in place).
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from cjm.core.pages import workspace_page
from cjm.core.permissions import require_role
from cjm.core.roles import Role
from personas.services import persona_create, segment_create

from .journey_forms import JourneyCreateForm


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [message for messages in error.message_dict.values() for message in messages]
    return list(error.messages)


def _part(request, context, template, *, initial, error_messages=(), name="") -> HttpResponse:
    form = JourneyCreateForm(initial=initial, workspace=context["workspace"])
    context.update(create_form=form, inline_errors=list(error_messages), inline_name=name)
    return render(request, template, context, status=400 if error_messages else 200)


def _selected_personas(request) -> list[str]:
    return [value for value in request.POST.getlist("personas") if value.isdigit()]


@login_required
@require_POST
def journey_form_segment(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """Create a segment named ``new_segment_name`` and answer the segment field, it selected."""
    context = workspace_page(request, workspace_id)
    workspace = context["workspace"]
    require_role(request.user, workspace.pk, Role.EDITOR)
    template = "cjm/partials/_journey_form_segment.html"
    name = request.POST.get("new_segment_name", "").strip()
    try:
        segment = segment_create(actor=request.user, workspace=workspace, name=name)
    except ValidationError as error:
        initial = {"segment": request.POST.get("segment") or None}
        return _part(
            request, context, template, initial=initial, error_messages=_messages(error), name=name
        )
    return _part(request, context, template, initial={"segment": segment.pk})


@login_required
@require_POST
def journey_form_persona(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """Create a persona named ``new_persona_name`` and answer the personas field, it ticked
    along with the personas already ticked."""
    context = workspace_page(request, workspace_id)
    workspace = context["workspace"]
    require_role(request.user, workspace.pk, Role.EDITOR)
    template = "cjm/partials/_journey_form_personas.html"
    name = request.POST.get("new_persona_name", "").strip()
    ticked = _selected_personas(request)
    try:
        persona = persona_create(actor=request.user, workspace=workspace, name=name)
    except ValidationError as error:
        return _part(
            request,
            context,
            template,
            initial={"personas": ticked},
            error_messages=_messages(error),
            name=name,
        )
    return _part(request, context, template, initial={"personas": [*ticked, str(persona.pk)]})
