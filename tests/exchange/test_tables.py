"""The map as a table: CSV and XLSX read back equal the map, formulas are neutralised, and a
table in the same layout imports as a map."""

import csv
import io

from openpyxl import load_workbook

from cjm.exchange.safety import safe_cell, unsafe_cell
from cjm.models import Journey
from tests.exchange.conftest import (
    export,
    export_json,
    import_file,
    token_client,
    without_time,
    world_counts,
)


def sheet_rows(raw: bytes) -> list[list]:
    rows = []
    for row in load_workbook(io.BytesIO(raw)).active.iter_rows(values_only=True):
        row = list(row)
        while row and row[-1] is None:
            row.pop()
        rows.append(row)
    return rows


def csv_rows(raw: bytes) -> list[list]:
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def without_actions(rows: list[list]) -> list[list]:
    header = next(i for i, row in enumerate(rows) if row and row[0] == "Stage")
    return rows[: header + 1] + [row[:9] + row[10:] for row in rows[header + 1 :]]


def test_safe_cell_neutralises_formula_starts():
    for text in ("=1+1", "+7 999", "-2", "@SUM(A1)", "\tx", "\rx"):
        assert safe_cell(text) == "'" + text
        assert unsafe_cell(safe_cell(text)) == text
    assert safe_cell("Plain") == "Plain" and safe_cell(-2) == -2 and safe_cell(None) is None
    assert unsafe_cell("'quoted") == "'quoted"


def test_csv_is_neutralised(map_journey, editor):
    response = export(token_client(editor), map_journey.pk, "csv")
    assert response["Content-Type"].startswith("text/csv")
    assert 'attachment; filename="buying-a-sofa-' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    assert "'@pains Stage 0" in cells and "'+7 call us" in cells
    formulas = [c for c in cells if c.startswith(("=", "+", "-", "@")) and not c[1:].isdigit()]
    assert formulas == []


def test_xlsx_reads_back_as_the_map(map_journey, editor):
    client = token_client(editor)
    document = export_json(client, map_journey.pk)
    response = export(client, map_journey.pk, "xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = sheet_rows(response.content)
    stages = document["journey"]["stages"]
    assert rows[0][2:] == [stage["name"] for stage in stages]
    lanes = document["journey"]["lanes"]
    emotions = next(lane for lane in lanes if lane["kind"] == "emotions")
    score_row = next(row for row in rows if row[1] == "emotion_score")
    assert score_row[2:] == [cell["emotion_score"] for cell in emotions["cells"]]
    pains = next(row for row in rows if row[1] == "pains")
    assert pains[2] == "'@pains Stage 0"
    header = next(i for i, row in enumerate(rows) if row and row[0] == "Stage")
    touchpoints = [row for row in rows[header + 1 :] if row]
    expected = [(s["name"], t["name"], t["rating"], t["owner"], t["importance"])
                for s in stages for t in s["touchpoints"]]  # fmt: skip
    assert [(r[0], r[1], r[4], r[5], r[7]) for r in touchpoints] == [
        (name, tp, rating, owner or None, importance)
        for name, tp, rating, owner, importance in expected
    ]
    assert [r[9] for r in touchpoints] == [1, 0, 0, 0, 1, 0]  # open actions
    assert sheet.freeze_panes == "C2"
    assert sheet.column_dimensions["C"].width == 32
    rating_cell = sheet.cell(header + 2, 5)
    assert rating_cell.fill.fgColor.rgb.endswith("C6EFCE")  # excellent: green
    assert sheet.cell(2, 3).alignment.wrap_text


def test_table_imports_as_a_map_and_exports_the_same_table(map_journey, editor, twin):
    client = token_client(editor)
    for fmt in ("csv", "xlsx"):
        table = export(client, map_journey.pk, fmt).content
        response = import_file(client, twin.pk, f"sofa.{fmt}", table, title="From a table")
        assert response.status_code == 201, response.json()
        journey = Journey.objects.get(pk=response.json()["journey"])
        assert journey.title == "From a table"
        again = export(client, journey.pk, fmt).content
        read = csv_rows if fmt == "csv" else sheet_rows
        # The same table, except the open actions: a table carries only their count.
        assert without_actions(read(again)) == without_actions(read(table))
        assert without_actions(read(table)) != read(table)
    document = export_json(client, journey.pk)["journey"]
    original = export_json(client, map_journey.pk)["journey"]
    assert document["lanes"] == original["lanes"]
    assert [s["name"] for s in document["stages"]] == [s["name"] for s in original["stages"]]


def test_table_errors_name_row_and_column(editor, workspace):
    table = (
        b"Lane,Kind,Visit,Buy\n"
        b"Goals,goals,Look around,Pay\n"
        b"Feelings,emotions,calm,happy\n"
        b"Feelings,emotion_score,2,9\n"
        b"Odd,weird,,\n"
        b"\n"
        b"Stage,Touchpoint,Channel,Channel kind,Rating,Owner,Team,Importance,Critical\n"
        b"Visit,Shop window,Street,offline,excellent,,,5,\n"
        b"Buy,Till,Till desk,psychic,great,,,11,yes\n"
        b"Nowhere,Ghost,,,,,,,\n"
    )
    before = world_counts(workspace)
    response = import_file(token_client(editor), workspace.pk, "draft.csv", table)
    assert response.status_code == 400
    found = {error["pointer"] for error in response.json()["errors"]}
    assert found == {
        "row 4, column D",
        "row 5, column B",
        "row 9, column D",
        "row 9, column E",
        "row 9, column H",
        "row 10, column A",
    }
    assert world_counts(workspace) == before


def test_spreadsheet_draft_becomes_a_map(editor, workspace):
    table = (
        "Lane,Kind,Visit,Buy\n"
        "Goals,goals,Look around,Pay\n"
        "Feelings,emotions,calm,\n"
        "Feelings,emotion_score,2,-1\n"
        "\n"
        "Stage,Touchpoint,Channel,Channel kind,Rating,Owner,Team,Importance,Critical\n"
        f"Visit,Shop window,Street,offline,So-so,{editor.email},,7,yes\n"
        "Buy,Till,,,,,,,\n"
    ).encode()
    response = import_file(token_client(editor), workspace.pk, "My draft.csv", table)
    assert response.status_code == 201, response.json()
    document = export_json(token_client(editor), response.json()["journey"])["journey"]
    assert document["title"] == "My draft"
    assert [s["name"] for s in document["stages"]] == ["Visit", "Buy"]
    shop = document["stages"][0]["touchpoints"][0]
    assert (shop["rating"], shop["owner"], shop["importance"], shop["is_critical"]) == (
        "so_so", editor.email, 7, True)  # fmt: skip
    assert document["lanes"][1]["cells"] == [
        {"stage": 0, "text": "calm", "emotion_score": 2},
        {"stage": 1, "text": "", "emotion_score": -1},
    ]
    assert without_time({"journey": document})["journey"]["channels"] == [
        {"name": "Street", "kind": "offline", "medium": "other"}
    ]
