"""The persona library: list (filter by segment), detail (profile and the journeys that show
the persona, with a form to link or unlink journeys), create, edit, delete.

Reads through ``personas.selectors``; writes through ``personas.services`` with
``actor=request.user`` (viewers read; write pages answer them 403).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

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
from personas import selectors, services
from personas.filters import PersonaFilterSet
from personas.forms import (
    INNER_FIELDS,
    PROFILE_FIELDS,
    PersonaForm,
    PersonaJourneysForm,
)


def initials(name: str) -> str:
    letters = "".join(part[:1] for part in name.split()[:2])
    return letters.upper() or "?"


@login_required
def persona_list(request: HttpRequest, workspace_id: int) -> HttpResponse:
    context = workspace_page(request, workspace_id)
    workspace = context["workspace"]
    filterset = PersonaFilterSet(
        request.GET,
        queryset=selectors.persona_list(user=request.user, workspace=workspace).prefetch_related(
            "journeys"
        ),
        request=request,
        workspace=workspace,
        lenient=True,
    )
    personas = list(filterset.qs)
    filters = [filterset.form[name] for name in PersonaFilterSet.PAGE_FIELDS]
    for persona in personas:
        persona.initials = initials(persona.name)
    context.update(filters=filters, personas=personas, tab="personas")
    return render_page(
        request, "personas/persona_list.html", "personas/partials/_persona_cards.html", context
    )


def _sections(persona) -> list[dict]:
    def rows(names):
        return [
            {"label": persona._meta.get_field(name).verbose_name, "text": getattr(persona, name)}
            for name in names
        ]

    return [
        {"title": _("Profile"), "rows": rows(PROFILE_FIELDS)},
        {"title": _("Goals, needs and feelings"), "rows": rows(INNER_FIELDS)},
    ]


def _detail(request, persona, journeys_form=None, status=200) -> HttpResponse:
    context = page_of(request, persona.workspace)
    journeys = list(persona.journeys.select_related("segment").order_by("title", "id"))
    persona.initials = initials(persona.name)
    if context["can_edit"] and journeys_form is None:
        journeys_form = PersonaJourneysForm(
            initial={"journeys": [j.pk for j in journeys]}, workspace=persona.workspace
        )
    context.update(
        persona=persona,
        journeys=journeys,
        sections=_sections(persona),
        channels=list(persona.preferred_channels.all()),
        journeys_form=journeys_form if context["can_edit"] else None,
        tab="personas",
    )
    return render(request, "personas/persona_detail.html", context, status=status)


@login_required
def persona_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, selectors.persona_get(user=request.user, pk=pk))


def _form_page(request, context, form, status=200) -> HttpResponse:
    context.update(form=form, tab="personas")
    return render(request, "personas/persona_form.html", context, status=status)


@login_required
def persona_create(request: HttpRequest, workspace_id: int) -> HttpResponse:
    context = workspace_page(request, workspace_id)
    workspace = context["workspace"]
    require_role(request.user, workspace.pk, Role.EDITOR)
    form = PersonaForm(request.POST or None, workspace=workspace)
    if request.method != "POST":
        return _form_page(request, context, form)
    if form.is_valid():
        values = form.values()
        try:
            persona = services.persona_create(
                actor=request.user, workspace=workspace, name=values.pop("name"), **values
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Persona “%(name)s” created.") % {"name": persona.name})
            return redirect("personas:persona_detail", pk=persona.pk)
    return _form_page(request, context, form, status=INVALID)


@login_required
def persona_edit(request: HttpRequest, pk: int) -> HttpResponse:
    persona = selectors.persona_get(user=request.user, pk=pk)
    context = page_of(request, persona.workspace)
    require_role(request.user, persona.workspace_id, Role.EDITOR)
    context["persona"] = persona
    if request.method != "POST":
        form = PersonaForm(
            instance=persona, initial={"version": persona.version}, workspace=persona.workspace
        )
        return _form_page(request, context, form)
    form = PersonaForm(request.POST, instance=persona, workspace=persona.workspace)
    status = INVALID
    if form.is_valid():
        try:
            services.persona_update(
                actor=request.user,
                persona=persona,
                expected_version=form.cleaned_data["version"],
                **form.values(),
            )
        except StaleVersionError as stale:
            form.add_error(None, stale_message(stale.current))
            status = CONFLICT
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved “%(name)s”.") % {"name": form.cleaned_data["name"]})
            return redirect("personas:persona_detail", pk=persona.pk)
    return _form_page(request, context, form, status=status)


@login_required
@require_POST
def persona_delete(request: HttpRequest, pk: int) -> HttpResponse:
    persona = selectors.persona_get(user=request.user, pk=pk)
    services.persona_delete(actor=request.user, persona=persona)
    messages.success(request, _("Persona “%(name)s” deleted.") % {"name": persona.name})
    return redirect("personas:persona_list", workspace_id=persona.workspace_id)


@login_required
@require_POST
def persona_journeys(request: HttpRequest, pk: int) -> HttpResponse:
    """Link the persona to exactly the ticked journeys (each changed journey is updated)."""
    persona = selectors.persona_get(user=request.user, pk=pk)
    require_role(request.user, persona.workspace_id, Role.EDITOR)
    form = PersonaJourneysForm(request.POST, workspace=persona.workspace)
    if form.is_valid():
        try:
            changed = services.persona_journeys_set(
                actor=request.user, persona=persona, journeys=form.cleaned_data["journeys"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if changed:
                messages.success(request, _("Journeys of “%(name)s” saved.") % {"name": persona})
            return redirect("personas:persona_detail", pk=persona.pk)
    return _detail(request, persona, journeys_form=form, status=INVALID)
