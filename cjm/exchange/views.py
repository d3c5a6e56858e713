"""Browser pages of the exchange slice: a map's files, the "Import a map" page and the
touchpoint register as XLSX."""

import io

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from cjm.core.pages import workspace_page
from cjm.core.uploads import check_upload
from touchpoints.register_table import register_header, register_row
from touchpoints.views.register import filtered

from .responses import FORMATS, XLSX_TYPE, document_response, file_response
from .selectors import export_filename, journey_export_get
from .uploads import import_upload, upload_kind
from .validation import MAX_BYTES, ImportRejected


@login_required
def journey_export(request: HttpRequest, journey_id: int, fmt: str) -> HttpResponse:
    """The map's download buttons: the same files as ``GET /api/v1/journeys/{id}/export/``."""
    if fmt not in FORMATS:
        raise Http404
    journey, document = journey_export_get(user=request.user, pk=journey_id)
    return document_response(document, fmt, lambda ext: export_filename(journey, ext))


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "A JSON file exported from a map, or a CSV or XLSX table in the export's layout."
        ),
    )
    title = forms.CharField(
        label=gettext_lazy("Title (for a table)"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("A table carries no title; by default the file's name is used."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".json", ".csv", ".xlsx")):
            raise forms.ValidationError(_("Choose a .json, .csv or .xlsx file."))
        try:  # size (CJM_UPLOAD_MAX_MB, at most MAX_BYTES here) and type by content
            check_upload(upload, kinds={upload_kind(upload.name)}, max_bytes=MAX_BYTES)
        except ValidationError as error:
            raise forms.ValidationError(error.message_dict["file"]) from None
        return upload


@login_required
def journey_import(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """Import a map: editors only (a viewer gets 403, an outsider 404)."""
    context = workspace_page(request, workspace_id)
    if not context["can_edit"]:
        raise PermissionDenied
    workspace = context["workspace"]
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = import_upload(
                actor=request.user,
                workspace=workspace,
                raw=upload.read(),
                filename=upload.name,
                title=form.cleaned_data["title"],
            )
        except ImportRejected as rejected:
            problems = rejected.problems
        else:
            messages.success(request, _("The map “%s” was imported.") % result.journey.title)
            for warning in result.warnings:
                messages.warning(request, f"{warning.pointer}: {warning.message}")
            return redirect("cjm:journey_detail", journey_id=result.journey.pk)
    status = 400 if problems or (form.is_bound and form.errors) else 200
    context |= {"form": form, "problems": problems}
    return render(request, "exchange/journey_import.html", context, status=status)


@login_required
def register_xlsx(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """The touchpoint register's filtered table (its CSV's columns, same FilterSet) as XLSX."""
    workspace = workspace_page(request, workspace_id)["workspace"]
    book = Workbook()
    sheet = book.active
    sheet.title = _("Touchpoints")[:31]
    sheet.append(register_header())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for touchpoint in filtered(request, workspace).qs.iterator(chunk_size=500):
        sheet.append(register_row(touchpoint))
    wrap = Alignment(wrap_text=True, vertical="top")
    for column in sheet.columns:
        sheet.column_dimensions[column[0].column_letter].width = 20
        for cell in column[1:]:
            cell.alignment = wrap
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    filename = f"touchpoints-{workspace.slug}-{timezone.localdate():%Y-%m-%d}.xlsx"
    return file_response(out.getvalue(), XLSX_TYPE, filename)
