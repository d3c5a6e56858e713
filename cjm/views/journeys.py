"""The journey list of a workspace: filter, create from blank or by copying, edit a map's
settings (title, segment, personas, state, status), archive and bring back.

Reads go through selectors, writes through ``cjm.services`` with ``actor=request.user``; viewers
see the list without controls, and every write page answers them 403.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cjm import selectors, services
from cjm.choices import JourneyState, JourneyStatus
from cjm.core.exceptions import StaleVersionError
from cjm.core.pages import (
    CONFLICT,
    INVALID,
    add_service_errors,
    page_of,
    render_page,
    stale_message,
    workspace_page,
)
from cjm.core.permissions import require_role
from cjm.core.roles import Role
from cjm.filters import JourneyFilterSet
from cjm.sharing.selectors import template_choices
from cjm.sharing.services import journey_create_from_template

from .journey_forms import (
    JourneyCopyForm,
    JourneyCreateForm,
    JourneyEditForm,
    JourneyStatusForm,
)

# What a new map suggests as its stages (seed 003's typical path).
SUGGESTED_STAGES = [
    gettext_lazy("Awareness"),
    gettext_lazy("Consideration"),
    gettext_lazy("Purchase"),
    gettext_lazy("Delivery and use"),
    gettext_lazy("Retention"),
    gettext_lazy("Advocacy"),
]


def _list_url(workspace_id: int) -> str:
    return reverse("cjm:journey_list", kwargs={"workspace_id": workspace_id})


@login_required
def journey_list(request: HttpRequest, workspace_id: int) -> HttpResponse:
    context = workspace_page(request, workspace_id)
    workspace = context["workspace"]
    filterset = JourneyFilterSet(
        request.GET,
        queryset=selectors.journey_list(user=request.user, workspace=workspace),
        request=request,
        workspace=workspace,
        lenient=True,
    )
    journeys = list(filterset.qs)
    filters = [filterset.form[name] for name in JourneyFilterSet.PAGE_FIELDS]
    context.update(filters=filters, journeys=journeys, filtered=bool(request.GET))
    return render_page(
        request, "cjm/journey_list.html", "cjm/partials/_journey_list_results.html", context
    )


def _new_page(request, context, *, create_form, copy_form, status=200) -> HttpResponse:
    context.update(create_form=create_form, copy_form=copy_form)
    return render(request, "cjm/journey_form.html", context, status=status)


def _copy_initial(request, workspace) -> dict:
    """Copy from the journey the list's "Copy" link names (``?source=<id>``)."""
    source_id = request.GET.get("source", "")
    # The workspace is the user's (workspace_get checked): its journeys are theirs to see.
    source = workspace.journeys.filter(pk=int(source_id)).first() if source_id.isdigit() else None
    if source is None:
        return {"state": JourneyState.FUTURE}
    title = _("%(title)s (future state)") % {"title": source.title}
    return {"source": source.pk, "title": title[:200], "state": JourneyState.FUTURE}


@login_required
def journey_create(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """A new map from blank (standard lanes, optional stages); the page also offers a copy."""
    context = workspace_page(request, workspace_id)
    workspace = context["workspace"]
    require_role(request.user, workspace.pk, Role.EDITOR)
    copy_form = JourneyCopyForm(initial=_copy_initial(request, workspace), workspace=workspace)
    language = (get_language() or "en")[:2]
    templates = template_choices(workspace_id=workspace.pk, language=language)
    if request.method != "POST":
        create_form = JourneyCreateForm(
            initial={
                "state": JourneyState.CURRENT,
                "status": JourneyStatus.DRAFT,
                "stage_names": "\n".join(str(name) for name in SUGGESTED_STAGES),
            },
            workspace=workspace,
        )
        create_form.fields["template"].choices = templates
        context["copy_open"] = "source" in request.GET
        return _new_page(request, context, create_form=create_form, copy_form=copy_form)
    create_form = JourneyCreateForm(request.POST, workspace=workspace)
    create_form.fields["template"].choices = templates
    if create_form.is_valid():
        data = create_form.cleaned_data
        try:
            if data["template"]:
                journey = journey_create_from_template(
                    actor=request.user,
                    workspace=workspace,
                    template=data["template"],
                    language=language,
                    title=data["title"],
                    description=data["description"],
                    segment=data["segment"],
                    personas=data["personas"],
                    state=data["state"],
                    status=data["status"],
                )
            else:
                journey = services.journey_create(
                    actor=request.user,
                    workspace=workspace,
                    title=data["title"],
                    description=data["description"],
                    segment=data["segment"],
                    personas=data["personas"],
                    state=data["state"],
                    status=data["status"],
                    stage_names=data["stage_names"],
                )
        except ValidationError as error:
            add_service_errors(create_form, error)
        else:
            messages.success(request, _("Journey map created. Add touchpoints to its stages."))
            return redirect("cjm:journey_detail", journey_id=journey.pk)
    return _new_page(request, context, create_form=create_form, copy_form=copy_form, status=INVALID)


@login_required
@require_POST
def journey_copy(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """A new map as a copy of another: stages, lanes, cells and touchpoints come along."""
    context = workspace_page(request, workspace_id)
    workspace = context["workspace"]
    require_role(request.user, workspace.pk, Role.EDITOR)
    copy_form = JourneyCopyForm(request.POST, workspace=workspace)
    if copy_form.is_valid():
        data = copy_form.cleaned_data
        try:
            journey = services.journey_copy(
                actor=request.user, journey=data["source"], title=data["title"], state=data["state"]
            )
        except ValidationError as error:
            add_service_errors(copy_form, error)
        else:
            messages.success(
                request,
                _("Copied “%(source)s”. The copy is a draft; its actions start empty.")
                % {"source": data["source"].title},
            )
            return redirect("cjm:journey_detail", journey_id=journey.pk)
    create_form = JourneyCreateForm(
        initial={"state": JourneyState.CURRENT, "status": JourneyStatus.DRAFT},
        workspace=workspace,
    )
    context["copy_open"] = True
    return _new_page(request, context, create_form=create_form, copy_form=copy_form, status=INVALID)


@login_required
def journey_edit(request: HttpRequest, journey_id: int) -> HttpResponse:
    """A map's settings: title, description, segment, personas, state and status."""
    journey = selectors.journey_get(user=request.user, pk=journey_id)
    context = page_of(request, journey.workspace)
    require_role(request.user, journey.workspace_id, Role.EDITOR)
    status = 200
    if request.method == "POST":
        form = JourneyEditForm(request.POST, workspace=journey.workspace)
        if form.is_valid():
            try:
                services.journey_update(
                    actor=request.user,
                    journey=journey,
                    expected_version=form.cleaned_data["version"],
                    **form.changes(),
                )
            except StaleVersionError as stale:
                form.add_error(None, stale_message(stale.current))
                status = CONFLICT
            except ValidationError as error:
                add_service_errors(form, error)
                status = INVALID
            else:
                messages.success(request, _("Saved “%(title)s”.") % {"title": journey.title})
                return redirect(_list_url(journey.workspace_id))
        else:
            status = INVALID
    else:
        form = JourneyEditForm(
            initial={
                "title": journey.title,
                "description": journey.description,
                "segment": journey.segment_id,
                "personas": [p.pk for p in journey.personas.all()],
                "state": journey.state,
                "status": journey.status,
                "version": journey.version,
            },
            workspace=journey.workspace,
        )
    context.update(journey=journey, form=form)
    return render(request, "cjm/journey_edit.html", context, status=status)


@login_required
@require_POST
def journey_archive(request: HttpRequest, journey_id: int) -> HttpResponse:
    """Archive a map (it leaves the lists, stays readable) or bring it back as a draft."""
    journey = selectors.journey_get(user=request.user, pk=journey_id)
    require_role(request.user, journey.workspace_id, Role.EDITOR)
    form = JourneyStatusForm(request.POST)
    if not form.is_valid():
        return HttpResponse(_("Say whether to archive or restore."), status=INVALID)
    archive = form.cleaned_data["archive"]
    status = JourneyStatus.ARCHIVED if archive else JourneyStatus.DRAFT
    services.journey_update(actor=request.user, journey=journey, status=status)
    if archive:
        messages.success(request, _("Archived “%(title)s”.") % {"title": journey.title})
    else:
        messages.success(request, _("“%(title)s” is back, as a draft.") % {"title": journey.title})
    return redirect(_list_url(journey.workspace_id))
