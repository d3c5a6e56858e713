"""The print document of a map: our own HTML/CSS print template (``renders/map_print.html``) drawn
from the map's data (``journey_map_data``), made a PDF by WeasyPrint and a PNG by rasterising
that PDF with ``pdftoppm`` (poppler-utils).

Why these: WeasyPrint installs from pip and needs only Pango from the system, and runs inside
the Celery worker with no browser process to start, watch and kill; it dropped PNG output in
version 53, so the PNG is the PDF's page rasterised by poppler, which draws exactly what the
PDF shows (one template, one look) and is a small apt package, unlike a headless Chromium.

Layout: one A3 landscape page while the map has at most ``STAGES_PER_PAGE`` stages; a wider
map is tiled by groups of stages (as even as possible), each page repeating the lane column and
the title, so a stage column never gets narrower than a ninth of the page. The PNG is one image
of A3 landscape proportions: a wide map is drawn on a page scaled up by the number of tiles and
rasterised at the same resolution, so its columns get as many pixels as on a tiled page (up to
``PNG_MAX_SCALE`` tiles wide; a wider map is rasterised smaller).
"""

import math
import subprocess
import tempfile
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone

from cjm.choices import BLUEPRINT_LANES, EMOTION_MAX, EMOTION_MIN, LaneKind
from cjm.map.grid import blueprint_layout

STAGES_PER_PAGE = 8
PAGE_MM = (420, 297)  # A3 landscape
PNG_DPI = 110  # pixels per inch of a tile: about 1820 x 1290 pixels for one A3 page
PNG_MAX_SCALE = 4  # at most about 7300 x 5100 pixels
LANE_COLUMN_MM, MARGIN_MM, CURVE_MM = 34, 10, 28
SKIPPED_LANES = {LaneKind.METRICS}  # funnel figures: live data, not part of the drawn map


def tiles(count: int, per_page: int = STAGES_PER_PAGE) -> list[range]:
    """Stage indexes per page: one page up to ``per_page`` stages, else even groups."""
    if count <= per_page:
        return [range(count)]
    pages = math.ceil(count / per_page)
    size = math.ceil(count / pages)
    return [range(start, min(start + size, count)) for start in range(0, count, size)]


def emotion_curve(scores: list[int | None], *, width: float, height: float = CURVE_MM) -> dict:
    """The emotion curve over some stages as SVG data in millimetres (``width``: the stage
    columns' width, so circles and labels keep their shape); points sit mid-column, a missing
    score breaks the line; each point is labelled with its score. Numbers are given as strings:
    the template must not write them with the language's decimal comma."""
    span, column = EMOTION_MAX - EMOTION_MIN, width / max(len(scores), 1)
    top, usable = 5.0, height - 10.0

    def y_of(score: int) -> float:
        return round(top + (EMOTION_MAX - score) * usable / span, 2)

    points: list[dict] = []
    lines: list[list[str]] = []
    current: list[str] = []
    for index, score in enumerate(scores):
        if score is None:
            if current:
                lines.append(current)
            current = []
            continue
        x, y = round(index * column + column / 2, 2), y_of(score)
        tone = "good" if score > 0 else "bad" if score < 0 else "neutral"
        label = f"+{score}" if score > 0 else str(score)
        label_y = y - 2.2 if score >= 0 else y + 4.6
        points.append({"x": str(x), "y": str(y), "tone": tone, "label": label,
                       "label_y": str(round(label_y, 2))})  # fmt: skip
        current.append(f"{x},{y}")
    if current:
        lines.append(current)
    return {
        "width": str(round(width, 2)),
        "height": str(height),
        "points": points,
        "lines": [" ".join(line) for line in lines if len(line) > 1],
        "baseline": str(y_of(0)),
    }


def _rows(data: dict, stage_ids: list[int], curve_width: float) -> list[dict]:
    """The map's visible lanes as rows of one page. Touchpoints appear in a lane of kind
    ``touchpoints`` or, when the map has none, in a row of their own after the stages."""
    rows = []
    touchpoints = {stage["id"]: stage["touchpoints"] for stage in data["stages"]}
    has_touchpoint_lane = False
    for lane in data["lanes"]:
        if lane["is_hidden"] or lane["kind"] in SKIPPED_LANES:
            continue
        cells = {cell["stage"]: cell for cell in lane["cells"]}
        row = {"name": lane["name"], "kind": lane["kind"]}
        if lane["kind"] == LaneKind.TOUCHPOINTS:
            has_touchpoint_lane = True
            row["cards"] = [touchpoints[pk] for pk in stage_ids]
        row["texts"] = [cells.get(pk, {}).get("text", "") for pk in stage_ids]
        if lane["kind"] == LaneKind.EMOTIONS:
            scores = [cells.get(pk, {}).get("emotion_score") for pk in stage_ids]
            row["curve"] = emotion_curve(scores, width=curve_width)
            row["has_text"] = any(row["texts"])
        rows.append(row)
    if not has_touchpoint_lane:
        rows.insert(0, {"name": None, "kind": LaneKind.TOUCHPOINTS,
                        "cards": [touchpoints[pk] for pk in stage_ids], "texts": []})  # fmt: skip
    # Service-blueprint lanes go below the customer's, with the lines between them (as on the map).
    customer = [row for row in rows if row["kind"] not in BLUEPRINT_LANES]
    blueprint = [row for row in rows if row["kind"] in BLUEPRINT_LANES]
    laid = blueprint_layout(blueprint, kind_of=lambda row: row["kind"], has_customer=bool(customer))
    return customer + [
        row if isinstance(row, dict) else {"line": row.label, "kind": row.kind} for row in laid
    ]


def _steps(data: dict, page_stages: list[dict]) -> list[dict]:
    """The step headers over one page's stages: [{"number", "span", "optional", "branched"}];
    empty when every step of the map is a single required stage (the print looks as before)."""
    numbers: dict[int, int] = {}
    sizes: dict[int, int] = {}
    for stage in data["stages"]:
        numbers.setdefault(stage["step"], len(numbers) + 1)
        sizes[stage["step"]] = sizes.get(stage["step"], 0) + 1
    if all(size == 1 for size in sizes.values()) and not any(
        stage["is_optional"] for stage in data["stages"]
    ):
        return []
    headers: list[dict] = []
    for stage in page_stages:
        if headers and headers[-1]["step"] == stage["step"]:
            headers[-1]["span"] += 1
            continue
        headers.append(
            {
                "step": stage["step"],
                "number": numbers[stage["step"]],
                "span": 1,
                "optional": stage["is_optional"],
                "branched": sizes[stage["step"]] > 1,
            }
        )
    return headers


def document_html(data: dict, *, png: bool = False) -> str:
    """The print HTML of a map (``journey_map_data``), tiled for the PDF, one page for the PNG."""
    stages = data["stages"]
    groups = tiles(len(stages))
    scale = len(groups) if png else 1
    if png:
        groups = [range(len(stages))]
    curve_width = PAGE_MM[0] * scale - 2 * MARGIN_MM - LANE_COLUMN_MM
    pages = []
    for number, group in enumerate(groups, start=1):
        page_stages = [stages[index] for index in group]
        pages.append(
            {
                "number": number,
                "stages": page_stages,
                "first_position": group.start + 1,
                "last_position": group.start + len(group),
                "rows": _rows(data, [stage["id"] for stage in page_stages], curve_width),
                "steps": _steps(data, page_stages),
            }
        )
    return render_to_string(
        "renders/map_print.html",
        {
            "journey": data,
            "pages": pages,
            "page_count": len(pages),
            # strings: never localised (no decimal comma or thousands separator in CSS)
            "page_width": str(PAGE_MM[0] * scale),
            "page_height": str(PAGE_MM[1] * scale),
            "page_margin": str(MARGIN_MM),
            "lane_column": str(LANE_COLUMN_MM),
            "printed_at": timezone.localtime(),
        },
    )


def write_pdf(html: str, target: Path) -> None:
    from weasyprint import HTML  # type: ignore[import-untyped]  # on first use: loads Pango

    HTML(string=html).write_pdf(target)


def write_png(html: str, target: Path, *, scale: int = 1) -> None:
    """Rasterise the first page of the PDF of ``html`` into ``target``."""
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "map.pdf"
        write_pdf(html, pdf)
        prefix = Path(folder) / "map"
        dpi = round(PNG_DPI * min(1, PNG_MAX_SCALE / scale))
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                str(dpi),
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(pdf),
                str(prefix),
            ],  # fmt: skip
            check=True,
            capture_output=True,
            timeout=120,
        )
        target.write_bytes(prefix.with_suffix(".png").read_bytes())


def png_scale(data: dict) -> int:
    return len(tiles(len(data["stages"])))
