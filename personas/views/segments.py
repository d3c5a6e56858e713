"""Segments of the target audience: list (with their personas and journeys), create, edit,
delete. Writes through ``personas.services`` with ``actor=request.user``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cjm.core.pages import INVALID, add_service_errors, page_of, workspace_page
from cjm.core.permissions import require_role
from cjm.core.roles import Role
from personas import selectors, services
from personas.forms import SegmentForm


def segment_get(request: HttpRequest, pk: int):
    segment = selectors.segment_list(user=request.user).select_related("workspace").filter(pk=pk)
    segment = segment.first()
    if segment is None:
        raise Http404("No such segment.")
    return segment


@login_required
def segment_list(request: HttpRequest, workspace_id: int) -> HttpResponse:
    context = workspace_page(request, workspace_id)
    segments = list(
        selectors.segment_list(user=request.user, workspace=context["workspace"])
        .annotate(
            persona_count=Count("personas", distinct=True),
            journey_count=Count("journeys", distinct=True),
        )
        .prefetch_related("personas")
    )
    context.update(segments=segments, tab="segments")
    return render(request, "personas/segment_list.html", context)


def _form_page(request, context, form, status=200) -> HttpResponse:
    context.update(form=form, tab="segments")
    return render(request, "personas/segment_form.html", context, status=status)


@login_required
def segment_create(request: HttpRequest, workspace_id: int) -> HttpResponse:
    context = workspace_page(request, workspace_id)
    workspace = context["workspace"]
    require_role(request.user, workspace.pk, Role.EDITOR)
    form = SegmentForm(request.POST or None, workspace=workspace)
    if request.method != "POST":
        return _form_page(request, context, form)
    if form.is_valid():
        try:
            segment = services.segment_create(
                actor=request.user, workspace=workspace, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Segment “%(name)s” created.") % {"name": segment.name})
            return redirect("personas:segment_list", workspace_id=workspace.pk)
    return _form_page(request, context, form, status=INVALID)


@login_required
def segment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    segment = segment_get(request, pk)
    context = page_of(request, segment.workspace)
    require_role(request.user, segment.workspace_id, Role.EDITOR)
    context["segment"] = segment
    if request.method != "POST":
        return _form_page(
            request, context, SegmentForm(instance=segment, workspace=segment.workspace)
        )
    form = SegmentForm(request.POST, instance=segment, workspace=segment.workspace)
    if form.is_valid():
        try:
            services.segment_update(actor=request.user, segment=segment, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved “%(name)s”.") % {"name": form.cleaned_data["name"]})
            return redirect("personas:segment_list", workspace_id=segment.workspace_id)
    return _form_page(request, context, form, status=INVALID)


@login_required
@require_POST
def segment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    segment = segment_get(request, pk)
    services.segment_delete(actor=request.user, segment=segment)
    messages.success(
        request,
        _("Segment “%(name)s” deleted. Its personas and journeys stay, without a segment.")
        % {"name": segment.name},
    )
    return redirect("personas:segment_list", workspace_id=segment.workspace_id)
