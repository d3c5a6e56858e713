"""Reading a CSV export of reviews into rows for ``reviews_import``.

Columns (header row, any order; only ``source`` and ``text`` or ``grade`` are required):
source, external_id, author, grade, text, published_at, url, touchpoint, trust_level.
``touchpoint`` is a touchpoint id of the workspace; ``published_at`` is ISO 8601.
"""

import contextlib
import csv
import datetime
import io

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from feedback.choices import ReviewSource, TrustLevel
from feedback.services.responses import BulkValidationError
from touchpoints.models import Touchpoint

COLUMNS = (
    "source",
    "external_id",
    "author",
    "grade",
    "text",
    "published_at",
    "url",
    "touchpoint",
    "trust_level",
)
MAX_BYTES = 5 * 1024 * 1024


def parse_reviews_csv(*, workspace, data: bytes) -> list[dict]:
    if len(data) > MAX_BYTES:
        raise ValidationError({"file": [_("The file is larger than 5 MB.")]})
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError({"file": [_("Save the file as UTF-8 CSV.")]}) from exc
    dialect: type[csv.Dialect] = csv.excel
    with contextlib.suppress(csv.Error):
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = [h.strip() for h in (reader.fieldnames or [])]
    if "source" not in header:
        raise ValidationError(
            {
                "file": [
                    _("The first row must name the columns: %(cols)s.")
                    % {"cols": ", ".join(COLUMNS)}
                ]
            }
        )
    touchpoints = {
        str(tp.pk): tp
        for tp in Touchpoint.objects.filter(stage__journey__workspace=workspace).select_related(
            "stage__journey"
        )
    }
    rows, errors = [], {}
    for index, raw in enumerate(reader):
        raw = {(k or "").strip(): (v or "").strip() for k, v in raw.items() if k}
        row, row_errors = _row(raw, touchpoints)
        if row_errors:
            errors[index] = row_errors
        else:
            rows.append(row)
    if errors:
        raise BulkValidationError(errors)
    return rows


def _row(raw: dict, touchpoints: dict) -> tuple[dict, dict]:
    row: dict = {}
    errors: dict = {}
    source = raw.get("source", "")
    if source not in ReviewSource.values:
        errors["source"] = [_("One of: %(v)s.") % {"v": ", ".join(ReviewSource.values)}]
    row["source"] = source
    for name in ("external_id", "author", "text", "url"):
        if raw.get(name):
            row[name] = raw[name]
    if raw.get("grade"):
        try:
            row["grade"] = int(raw["grade"])
        except ValueError:
            errors["grade"] = [_("A whole number from 1 to 5.")]
    if raw.get("published_at"):
        moment = parse_datetime(raw["published_at"])
        if moment is None and (day := parse_date(raw["published_at"])):
            moment = datetime.datetime(day.year, day.month, day.day)
        if moment is None:
            errors["published_at"] = [_("A date like 2024-05-31 or 2024-05-31T14:00:00+03:00.")]
        else:
            row["published_at"] = (
                timezone.make_aware(moment) if timezone.is_naive(moment) else moment
            )
    if raw.get("touchpoint"):
        if raw["touchpoint"] not in touchpoints:
            errors["touchpoint"] = [_("No such touchpoint in this workspace.")]
        else:
            row["touchpoint"] = touchpoints[raw["touchpoint"]]
    trust = raw.get("trust_level") or TrustLevel.ANONYMOUS
    if trust not in TrustLevel.values:
        errors["trust_level"] = [_("One of: %(v)s.") % {"v": ", ".join(TrustLevel.values)}]
    row["trust_level"] = trust
    return row, errors
