"""Server-drawn SVG charts (no JavaScript needed): weekly metric lines and the emotion curve."""

from dataclasses import dataclass

WIDTH, HEIGHT = 560, 180
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 40, 12, 12, 36
# Weekly metric charts run the full width of the page; the emotion curve sits in a half.
METRIC_WIDTH, METRIC_HEIGHT = 1080, 150
EMOTION_PAD_X = 64


@dataclass
class Point:
    x: float
    y: float | None
    value: float | None
    label: str
    count: int


def _scale_y(value: float, low: float, high: float, height: int = HEIGHT) -> float:
    inner = height - PAD_TOP - PAD_BOTTOM
    return PAD_TOP + inner * (1 - (value - low) / (high - low))


def _x_positions(n: int, width: int = WIDTH, left: int = PAD_LEFT, right: int = PAD_RIGHT):
    inner = width - left - right
    if n == 1:
        return [left + inner / 2]
    return [left + inner * i / (n - 1) for i in range(n)]


def _segments(points: list[Point]) -> list[str]:
    """Polyline strings of consecutive points that have a value (a gap breaks the line)."""
    lines, current = [], []
    for point in points:
        if point.y is None:
            if len(current) > 1:
                lines.append(" ".join(current))
            current = []
        else:
            current.append(f"{point.x:.1f},{point.y:.1f}")
    if len(current) > 1:
        lines.append(" ".join(current))
    return lines


def line_chart(series, *, low: float, high: float, ticks: list[float], label_of) -> dict:
    """``series``: dicts with ``value`` (or None), ``responses`` and the key ``label_of`` reads."""
    width, height = METRIC_WIDTH, METRIC_HEIGHT
    xs = _x_positions(len(series), width, PAD_LEFT + 16, PAD_RIGHT + 16)
    points = [
        Point(
            x=x,
            y=_scale_y(item["value"], low, high, height) if item["value"] is not None else None,
            value=item["value"],
            label=label_of(item),
            count=item["responses"],
        )
        for x, item in zip(xs, series, strict=True)
    ]
    return {
        "width": width,
        "height": height,
        "points": points,
        "lines": _segments(points),
        "ticks": [{"value": t, "y": _scale_y(t, low, high, height)} for t in ticks],
        "left": PAD_LEFT,
        "right": width - PAD_RIGHT,
        "label_y": height - PAD_BOTTOM + 16,
        "count_y": height - PAD_BOTTOM + 30,
        "has_data": any(p.value is not None for p in points),
    }


def emotion_chart(rows: list[dict]) -> dict:
    """Two lines over the stages on -3..+3: the hand-set curve and the evidence-based one."""
    xs = _x_positions(len(rows), WIDTH, EMOTION_PAD_X, EMOTION_PAD_X - 24) if rows else []
    hand = [
        Point(
            x,
            _scale_y(r["hand_set_score"], -3, 3) if r["hand_set_score"] is not None else None,
            r["hand_set_score"],
            r["name"],
            0,
        )
        for x, r in zip(xs, rows, strict=True)
    ]
    evidence = [
        Point(
            x,
            _scale_y(r["evidence_score"], -3, 3) if r["evidence_score"] is not None else None,
            r["evidence_score"],
            r["name"],
            r["answers"] + r["reviews"],
        )
        for x, r in zip(xs, rows, strict=True)
    ]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "hand": hand,
        "evidence": evidence,
        "hand_lines": _segments(hand),
        "evidence_lines": _segments(evidence),
        "ticks": [{"value": t, "y": _scale_y(t, -3, 3)} for t in (-3, 0, 3)],
        "left": PAD_LEFT,
        "right": WIDTH - PAD_RIGHT,
        "label_y": HEIGHT - PAD_BOTTOM + 16,
        "count_y": HEIGHT - PAD_BOTTOM + 30,
    }
