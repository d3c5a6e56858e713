"""Files as HTTP responses (shared by the API and the browser pages)."""

import json

from django.http import HttpResponse

from .tables import csv_bytes, xlsx_bytes

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("json", "csv", "xlsx")


def file_response(body: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def document_response(document: dict, fmt: str, stem_filename) -> HttpResponse:
    """``document`` as ``fmt`` (one of FORMATS); ``stem_filename(extension)`` names the file."""
    if fmt == "csv":
        return file_response(csv_bytes(document), "text/csv; charset=utf-8", stem_filename("csv"))
    if fmt == "xlsx":
        return file_response(xlsx_bytes(document), XLSX_TYPE, stem_filename("xlsx"))
    body = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
    return file_response(body, "application/json", stem_filename("json"))
