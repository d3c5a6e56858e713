"""A table in the export's own layout (CSV or XLSX) as an exchange document, so that a map
drafted in a spreadsheet becomes a real map. Problems name the row and column."""

from django.utils.translation import gettext as _

from cjm.choices import LaneKind
from touchpoints.choices import ChannelKind, Rating

from .export import FORMAT, VERSION
from .tables import EMOTION_SCORE, TOUCHPOINT_COLUMNS, YES, place, read_rows
from .validation import ImportRejected, Problem

COLUMN = {key: index for index, key in enumerate(TOUCHPOINT_COLUMNS)}


def _rating(value: str) -> str | None:
    if not value:
        return Rating.UNRATED
    labels = {str(label).lower(): code for code, label in Rating.choices}
    return value if value in Rating.values else labels.get(value.lower())


def _int(value: str, low: int, high: int) -> int | None:
    try:
        number = int(value)
    except ValueError:
        return None
    return number if low <= number <= high else None


def table_document(raw: bytes, filename: str, title: str) -> tuple[dict, dict[str, str]]:
    """The document, and where each of its parts came from (JSON pointer -> row and column)."""
    rows = read_rows(raw, filename)
    if not rows or len(rows[0]) < 3:
        raise ImportRejected([Problem(place(0, 2), _("The first row must name the stages."))])
    problems: list[Problem] = []
    places: dict[str, str] = {}
    stages = []
    for column, name in enumerate(rows[0][2:], start=2):
        places[f"/journey/stages/{len(stages)}"] = place(0, column)
        stages.append({"name": name, "touchpoints": []})
    lanes: list[dict] = []
    index = 1
    while index < len(rows) and any(rows[index]):
        row = rows[index] + [""] * (len(stages) + 2 - len(rows[index]))
        name, kind, texts = row[0], row[1], row[2:]
        if kind == EMOTION_SCORE and lanes and lanes[-1]["kind"] == LaneKind.EMOTIONS:
            for stage, value in enumerate(texts[: len(stages)]):
                score = _int(value, -3, 3) if value else None
                if value and score is None:
                    message = _("An emotion score is a whole number from -3 to 3.")
                    problems.append(Problem(place(index, stage + 2), message))
                cell = next((c for c in lanes[-1]["cells"] if c["stage"] == stage), None)
                if score is not None and cell is None:
                    lanes[-1]["cells"].append({"stage": stage, "text": "", "emotion_score": score})
                elif cell is not None:
                    cell["emotion_score"] = score
        else:
            places[f"/journey/lanes/{len(lanes)}"] = place(index, 0)
            if kind not in LaneKind.values:
                problems.append(Problem(place(index, 1), _("Unknown lane kind “%s”.") % kind))
            cells = [{"stage": s, "text": text, "emotion_score": None}
                     for s, text in enumerate(texts[: len(stages)]) if text]  # fmt: skip
            lanes.append({"kind": kind, "name": name or kind, "cells": cells})
        index += 1
    channels: dict[str, dict] = {}
    for number in range(index + 2, len(rows)):
        problems += _touchpoint_row(rows[number], number, stages, channels, places)
    if problems:
        raise ImportRejected(problems)
    for lane in lanes:
        lane["cells"].sort(key=lambda cell: cell["stage"])
    teams = sorted({tp["team"] for stage in stages for tp in stage["touchpoints"] if tp["team"]})
    journey = {
        "teams": [{"name": team} for team in teams],
        "title": title,
        "stages": stages,
        "lanes": lanes,
        "channels": list(channels.values()),
    }
    return {"format": FORMAT, "version": VERSION, "journey": journey}, places


def _touchpoint_row(row, number, stages, channels, places) -> list[Problem]:
    row = row + [""] * (len(TOUCHPOINT_COLUMNS) - len(row))
    if not any(row):
        return []
    value = {key: row[COLUMN[key]] for key in TOUCHPOINT_COLUMNS}
    problems = []
    stage_index = next((i for i, s in enumerate(stages) if s["name"] == value["stage"]), None)
    if stage_index is None:
        return [Problem(place(number, 0), _("No stage is called “%s”.") % value["stage"])]
    rating = _rating(value["rating"])
    if rating is None:
        problems.append(Problem(place(number, COLUMN["rating"]), _("Unknown rating.")))
    importance = _int(value["importance"], 1, 10) if value["importance"] else 5
    if importance is None:
        problems.append(Problem(place(number, COLUMN["importance"]),
                                _("Importance is a whole number from 1 to 10.")))  # fmt: skip
    channel, kind = value["channel"], value["channel_kind"]
    if channel and kind and kind not in ChannelKind.values:
        problems.append(Problem(place(number, COLUMN["channel_kind"]),
                                _("A channel is online or offline.")))  # fmt: skip
    elif channel and kind:
        channels.setdefault(channel, {"name": channel, "kind": kind})
    touchpoints = stages[stage_index]["touchpoints"]
    places[f"/journey/stages/{stage_index}/touchpoints/{len(touchpoints)}"] = place(number, 1)
    touchpoints.append({
        "name": value["touchpoint"], "description": value["description"],
        "channel": channel or None, "owner": value["owner"] or None,
        "team": value["team"] or None, "rating": rating or Rating.UNRATED,
        "importance": importance or 5, "is_critical": value["critical"].lower() in YES,
    })  # fmt: skip
    return problems


def locate(problems: list[Problem], places: dict[str, str]) -> list[Problem]:
    """Problems of the derived document named by the table's row and column."""
    located = []
    for problem in problems:
        pointer = problem.pointer
        matches = (p for p in places if pointer == p or pointer.startswith(p + "/"))
        prefix = max(matches, key=len, default=None)
        where = places[prefix] if prefix else problem.pointer
        located.append(Problem(where, problem.message))
    return located
