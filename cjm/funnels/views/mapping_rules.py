"""Event mapping rules in the browser: create, edit, delete (editors and admins; viewers read the
list on the mapping page). Writes go through the services of ``cjm.funnels.services.events``,
which map the stored unmapped events the changed rules now match."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_POST

from cjm.core.pages import INVALID, add_service_errors, page_of, workspace_page
from cjm.funnels.selectors.events import (
    event_mapping_rule_get,
    workspace_stage_choices,
    workspace_touchpoint_choices,
)
from cjm.funnels.services.events import (
    event_mapping_rule_create,
    event_mapping_rule_delete,
    event_mapping_rule_update,
)
from touchpoints.selectors import channel_list

FIELDS = ("event_name", "property_name", "property_value", "stage", "touchpoint", "channel")


def _grouped(objects, group_of) -> list:
    """Select options grouped under their map (and stage): long map titles stay out of the
    options, which on a phone would otherwise show only the title."""
    groups: dict[str, list] = {}
    for obj in objects:
        groups.setdefault(group_of(obj), []).append((obj.pk, obj.name))
    return [("", "---------"), *groups.items()]


class EventMappingRuleForm(forms.Form):
    event_name = forms.CharField(
        label=_lazy("Event name"),
        max_length=200,
        help_text=_lazy("As your analytics tool sends it, e.g. Order Completed."),
    )
    property_name = forms.CharField(
        label=_lazy("Property"),
        max_length=200,
        required=False,
        help_text=_lazy("Only calls whose property has the value below match (optional)."),
    )
    property_value = forms.CharField(label=_lazy("Property value"), max_length=500, required=False)
    stage = forms.ModelChoiceField(label=_lazy("Stage"), queryset=None)
    touchpoint = forms.ModelChoiceField(label=_lazy("Touchpoint"), queryset=None, required=False)
    channel = forms.ModelChoiceField(label=_lazy("Channel"), queryset=None, required=False)

    def __init__(self, *args, user, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        stages = list(workspace_stage_choices(workspace.pk))
        touchpoints = list(workspace_touchpoint_choices(workspace.pk))
        self.fields["stage"].queryset = workspace_stage_choices(workspace.pk)
        self.fields["touchpoint"].queryset = workspace_touchpoint_choices(workspace.pk)
        self.fields["channel"].queryset = channel_list(user=user, workspace=workspace)
        # Validation uses the querysets; the widgets show the same objects grouped.
        self.fields["stage"].widget.choices = _grouped(stages, lambda s: s.journey.title)
        self.fields["touchpoint"].widget.choices = _grouped(
            touchpoints, lambda t: f"{t.stage.journey.title} · {t.stage.name}"
        )


def _save(form, save) -> bool:
    """Run the service; its validation errors (and a duplicate match) land on the form."""
    try:
        save()
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    except IntegrityError:
        form.add_error(
            "event_name", _("A rule with this event name and property match already exists.")
        )
        return False
    return True


def _form_page(request, context, form, rule=None, status=200) -> HttpResponse:
    context.update({"form": form, "rule": rule})
    return render(request, "cjm/event_mapping_rule_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def event_mapping_rule_create_page(request: HttpRequest, workspace_id: int) -> HttpResponse:
    context = workspace_page(request, workspace_id)
    workspace = context["workspace"]
    if not context["can_edit"]:
        raise PermissionDenied
    initial = {"event_name": request.GET.get("event_name", "")[:200]}
    form = EventMappingRuleForm(
        request.POST or None, initial=initial, user=request.user, workspace=workspace
    )
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in FIELDS}
        if _save(
            form,
            lambda: event_mapping_rule_create(actor=request.user, workspace=workspace, **fields),
        ):
            messages.success(request, _("Mapping rule created."))
            return redirect("cjm:event_mapping", workspace_id=workspace.pk)
    return _form_page(request, context, form, status=INVALID if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def event_mapping_rule_edit_page(request: HttpRequest, rule_id: int) -> HttpResponse:
    rule = event_mapping_rule_get(user=request.user, pk=rule_id)
    context = page_of(request, rule.workspace)
    if not context["can_edit"]:
        raise PermissionDenied
    initial = {name: getattr(rule, name) for name in FIELDS}
    form = EventMappingRuleForm(
        request.POST or None, initial=initial, user=request.user, workspace=rule.workspace
    )
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in FIELDS}
        if _save(form, lambda: event_mapping_rule_update(actor=request.user, rule=rule, **fields)):
            messages.success(request, _("Mapping rule saved."))
            return redirect("cjm:event_mapping", workspace_id=rule.workspace_id)
    return _form_page(request, context, form, rule, status=INVALID if form.errors else 200)


@login_required
@require_POST
def event_mapping_rule_delete_page(request: HttpRequest, rule_id: int) -> HttpResponse:
    rule = event_mapping_rule_get(user=request.user, pk=rule_id)
    event_mapping_rule_delete(actor=request.user, rule=rule)  # PermissionDenied for viewers
    messages.success(request, _("Mapping rule deleted."))
    return redirect("cjm:event_mapping", workspace_id=rule.workspace_id)
