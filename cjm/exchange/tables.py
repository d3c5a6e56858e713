"""The map as a table (CSV and XLSX) and back.

Layout (docs/exchange.md): the first block is the grid, stages as columns and lanes as rows
(``Lane``, ``Kind``, then one column per stage; the emotions lane is followed by an
``emotion_score`` row); after one empty row comes the touchpoints block, one row per touchpoint.
Every text cell goes through ``safe_cell`` (formula injection).
"""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from touchpoints.choices import OPEN_ACTION_STATUSES, Rating

from .safety import safe_cell, unsafe_cell
from .validation import ImportRejected, Problem, check_size

EMOTION_SCORE = "emotion_score"
TOUCHPOINT_COLUMNS = ("stage", "touchpoint", "channel", "channel_kind", "rating", "owner", "team",
                      "importance", "critical", "open_actions", "description")  # fmt: skip
RATING_FILLS = {Rating.EXCELLENT: "C6EFCE", Rating.SO_SO: "FFEB9C", Rating.AWFUL: "FFC7CE"}
YES = {"yes", "true", "1", "x", "да", _("yes").lower()}


def _headers() -> list[str]:
    labels = {"stage": _("Stage"), "touchpoint": _("Touchpoint"), "channel": _("Channel"),
              "channel_kind": _("Channel kind"), "rating": _("Rating"), "owner": _("Owner"),
              "team": _("Team"), "importance": _("Importance"), "critical": _("Critical"),
              "open_actions": _("Open actions"), "description": _("Description")}  # fmt: skip
    return [labels[key] for key in TOUCHPOINT_COLUMNS]


def table_rows(document: dict) -> list[list]:
    """The exchange document as rows of cells (not yet neutralised)."""
    journey = document["journey"]
    stages = journey["stages"]
    kinds = {channel["name"]: channel["kind"] for channel in journey["channels"]}
    rows: list[list] = [[_("Lane"), _("Kind"), *[stage["name"] for stage in stages]]]
    for lane in journey["lanes"]:
        cells = {cell["stage"]: cell for cell in lane["cells"]}
        texts = [cells[i]["text"] if i in cells else "" for i in range(len(stages))]
        rows.append([lane["name"], lane["kind"], *texts])
        if lane["kind"] == "emotions":
            scores = [cells[i]["emotion_score"] if i in cells else None for i in range(len(stages))]
            rows.append([lane["name"], EMOTION_SCORE, *scores])
    rows.append([])
    rows.append(_headers())
    for stage in stages:
        for tp in stage["touchpoints"]:
            open_actions = sum(1 for a in tp["actions"] if a["status"] in OPEN_ACTION_STATUSES)
            rows.append([stage["name"], tp["name"], tp["channel"] or "",
                         kinds.get(tp["channel"], ""), tp["rating"], tp["owner"] or "",
                         tp["team"] or "", tp["importance"], "yes" if tp["is_critical"] else "",
                         open_actions, tp["description"]])  # fmt: skip
    return rows


def csv_bytes(document: dict) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for row in table_rows(document):
        writer.writerow(["" if value is None else safe_cell(value) for value in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(document: dict) -> bytes:
    rows = table_rows(document)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Map")[:31]
    wrap = Alignment(wrap_text=True, vertical="top")
    bold = Font(bold=True)
    rating_column = TOUCHPOINT_COLUMNS.index("rating") + 1
    header_index = rows.index([]) + 1
    for index, row in enumerate(rows):
        sheet.append([safe_cell(value) for value in row])
        number = index + 1
        for cell in sheet[number]:
            cell.alignment = wrap
            if index in (0, header_index):
                cell.font = bold
        fill = RATING_FILLS.get(row[rating_column - 1]) if index > header_index else None
        if fill:
            sheet.cell(number, rating_column).fill = PatternFill("solid", fgColor=fill)
    sheet.freeze_panes = "C2"
    widths = [22, 14] + [32] * max(len(rows[0]) - 2, len(TOUCHPOINT_COLUMNS))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- Reading a table back ------------------------------------------------------------------


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unsafe_cell(str(value)).strip()


def read_rows(raw: bytes, filename: str) -> list[list[str]]:
    check_size(raw)
    if filename.lower().endswith(".xlsx"):
        try:
            book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
            rows = [
                [_text(v) for v in row] for row in book.worksheets[0].iter_rows(values_only=True)
            ]
        except Exception:  # openpyxl raises many kinds of errors on a broken file
            raise ImportRejected([Problem("", _("This is not a readable XLSX file."))]) from None
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportRejected([Problem("", _("The CSV file is not UTF-8."))]) from None
        if "\x00" in text:
            message = _("The text holds a NUL character or a broken one.")
            raise ImportRejected([Problem("", message)])
        rows = [[_text(v) for v in row] for row in csv.reader(io.StringIO(text))]
    while rows and not any(rows[-1]):
        rows.pop()
    return [row[: len(row) - next((i for i, v in enumerate(reversed(row)) if v), len(row))]
            for row in rows]  # fmt: skip


def place(row: int, column: int) -> str:
    return _("row %(row)s, column %(column)s") % {
        "row": row + 1,
        "column": get_column_letter(column + 1),
    }
