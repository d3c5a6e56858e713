"""Events of a workspace in the browser: file imports (upload, progress, per-row errors) and the
mapping page (the workspace's mapping rules and the event names no rule maps yet).

Reads go through ``cjm.funnels.selectors``; an upload goes through ``event_import_start`` (editors
and admins), which queues the import job; the import page polls its status with htmx.
"""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from cjm.core.pages import add_service_errors, page_of, render_page, workspace_page
from cjm.funnels.choices import ImportFormat, JobStatus
from cjm.funnels.sample_file import sample_csv
from cjm.funnels.selectors.events import (
    event_import_get,
    event_import_list,
    event_mapping_rule_list,
    journey_stages_with_touchpoints,
    unmapped_event_summary,
)
from cjm.funnels.services.events import event_import_start
from cjm.selectors import journey_get, journey_list


class EventImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "CSV with a header row (UTF-8 or Windows-1251; comma, semicolon or tab between "
            "values), or NDJSON."
        ),
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("", _("From the file name"))] + list(ImportFormat.choices),
        required=False,
    )
    skip_bad_rows = forms.BooleanField(
        label=_("Skip bad rows"),
        required=False,
        help_text=_("Store the valid rows and report the bad ones; otherwise nothing is stored."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_import_list_page(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """Upload a file of events; the workspace's recent imports."""
    context = workspace_page(request, workspace_id)
    workspace = context["workspace"]
    if request.method == "POST":
        if not context["can_edit"]:
            raise PermissionDenied
        form = EventImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                job = event_import_start(
                    actor=request.user,
                    workspace=workspace,
                    uploaded_file=form.cleaned_data["file"],
                    format=form.cleaned_data["format"],
                    skip_bad_rows=form.cleaned_data["skip_bad_rows"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect("cjm:event_import_detail", import_id=job.pk)
    else:
        form = EventImportForm()
    imports = list(event_import_list(user=request.user, workspace=workspace)[:20])
    journeys = list(journey_list(user=request.user, workspace=workspace))
    context.update({"form": form, "imports": imports, "journeys": journeys})
    status = 400 if request.method == "POST" else 200
    return render_page(
        request,
        "cjm/event_import_list.html",
        "cjm/partials/funnel/_import_table.html",
        context,
        status,
    )


@login_required
def event_import_detail(request: HttpRequest, import_id: int) -> HttpResponse:
    """One import: progress while it runs (htmx polls), then counts and the bad rows."""
    job = event_import_get(user=request.user, pk=import_id, live=True)
    context = page_of(request, job.workspace)
    context.update({"job": job, "is_running": job.status in (JobStatus.PENDING, JobStatus.RUNNING)})
    return render_page(
        request, "cjm/event_import_detail.html", "cjm/partials/funnel/_import_status.html", context
    )


@login_required
def event_mapping_page(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """The mapping rules of the workspace and the unmapped event names waiting for a rule."""
    context = workspace_page(request, workspace_id)
    workspace = context["workspace"]
    context.update(
        {
            "rules": list(event_mapping_rule_list(user=request.user, workspace=workspace)),
            "unmapped": list(unmapped_event_summary(user=request.user, workspace=workspace)[:100]),
        }
    )
    return render_page(
        request, "cjm/event_mapping.html", "cjm/partials/funnel/_unmapped.html", context
    )


@login_required
def event_import_sample(request: HttpRequest, journey_id: int) -> HttpResponse:
    """A CSV file to start from: the journey's real stage, touchpoint and channel names, a few
    customers walking the map, the header the importer expects."""
    journey = journey_get(user=request.user, pk=journey_id)
    content = sample_csv(journey, journey_stages_with_touchpoints(journey=journey))
    name = slugify(journey.title, allow_unicode=False) or f"journey-{journey.pk}"
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="events-sample-{name}.csv"'
    return response
