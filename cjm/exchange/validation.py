"""Checking an exchange document before anything is written: the schema, then the references
and unique names. Every problem is named by its JSON pointer."""

import json
from dataclasses import dataclass

from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator, FormatChecker  # type: ignore[import-untyped]

from cjm.choices import LaneKind

from .schema import build_schema

MAX_BYTES = 5 * 1024 * 1024
MAX_STAGES, MAX_LANES, MAX_TOUCHPOINTS, MAX_ACTIONS = 200, 100, 5000, 20000


@dataclass(frozen=True)
class Problem:
    pointer: str
    message: str

    def as_dict(self) -> dict:
        return {"pointer": self.pointer, "message": self.message}


class ImportRejected(Exception):
    """The document cannot be imported; ``problems`` say where and why."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(f"{p.pointer}: {p.message}" for p in problems))
        self.problems = problems


def _pointer(path) -> str:
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


_VALIDATOR = None


def _validator() -> Draft202012Validator:
    global _VALIDATOR  # built once per process: the schema only changes with the code
    if _VALIDATOR is None:
        _VALIDATOR = Draft202012Validator(build_schema(), format_checker=FormatChecker())
    return _VALIDATOR


def _has_nul(data) -> bool:
    if isinstance(data, str):
        try:
            data.encode("utf-8")  # a lone surrogate cannot be stored
        except UnicodeEncodeError:
            return True
        return "\x00" in data
    if isinstance(data, dict):
        return any(_has_nul(key) or _has_nul(value) for key, value in data.items())
    if isinstance(data, list):
        return any(_has_nul(item) for item in data)
    return False


def check_size(raw: bytes) -> None:
    if len(raw) > MAX_BYTES:
        message = _("The file is too large: at most %s MB.") % (MAX_BYTES // (1024 * 1024))
        raise ImportRejected([Problem("", message)])


def parse_json(raw: bytes):
    check_size(raw)
    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise ImportRejected([Problem("", _("This is not valid JSON: %s") % error)]) from None
    if _has_nul(document):
        raise ImportRejected([Problem("", _("The text holds a NUL character or a broken one."))])
    return document


def _duplicates(items: list, key, base: str, what: str) -> list[Problem]:
    seen, problems = set(), []
    for index, item in enumerate(items):
        value = key(item)
        if value is None:
            continue
        if value in seen:
            message = _("Another %(what)s already has the name “%(name)s”.") % {
                "what": what,
                "name": value,
            }
            problems.append(Problem(f"{base}/{index}/name", message))
        seen.add(value)
    return problems


def _size_problems(journey: dict) -> list[Problem]:
    stages = journey.get("stages", [])
    touchpoints = [tp for stage in stages for tp in stage.get("touchpoints", [])]
    limits = [
        ("/journey/stages", len(stages), MAX_STAGES),
        ("/journey/lanes", len(journey.get("lanes", [])), MAX_LANES),
        ("/journey/stages", len(touchpoints), MAX_TOUCHPOINTS),
        ("/journey/stages", sum(len(tp.get("actions", [])) for tp in touchpoints), MAX_ACTIONS),
    ]
    return [
        Problem(
            pointer,
            _("Too large: %(count)s items, at most %(limit)s.") % {"count": count, "limit": limit},
        )  # fmt: skip
        for pointer, count, limit in limits
        if count > limit
    ]


def validate_document(document, *, known: dict[str, set[str]]) -> None:
    """Raise ``ImportRejected`` unless ``document`` can be imported as it is.

    ``known``: the names already in the workspace (``channels``, ``teams``, ``segments``),
    which the document may name without listing them.
    """
    problems = [
        Problem(_pointer(error.absolute_path), error.message)
        for error in sorted(
            _validator().iter_errors(document), key=lambda e: [str(part) for part in e.path]
        )
    ]
    if problems:
        raise ImportRejected(problems[:50])
    journey = document["journey"]
    problems = _size_problems(journey)
    if problems:
        raise ImportRejected(problems)
    name = lambda item: item["name"]  # noqa: E731
    for key, what in (("segments", _("segment")), ("channels", _("channel")),
                      ("teams", _("team")), ("personas", _("persona"))):  # fmt: skip
        problems += _duplicates(journey.get(key, []), name, f"/journey/{key}", what)
    standard = lambda lane: None if lane["kind"] == LaneKind.CUSTOM else lane["kind"]  # noqa: E731
    for index in {p.pointer for p in _duplicates(journey.get("lanes", []), standard, "", "")}:
        problems.append(
            Problem(f"/journey/lanes{index[:-5]}/kind", _("This standard lane appears twice."))
        )
    names = {key: known.get(key, set()) | {item["name"] for item in journey.get(key, [])}
             for key in ("channels", "teams", "segments")}  # fmt: skip
    problems += _reference_problems(journey, names)
    if problems:
        raise ImportRejected(problems)


def _missing(pointer: str, what: str, value) -> Problem:
    return Problem(pointer, _("Unknown %(what)s “%(name)s”: list it in the document.") % {
        "what": what, "name": value})  # fmt: skip


def _reference_problems(journey: dict, names: dict[str, set[str]]) -> list[Problem]:
    problems = []
    if journey.get("segment") and journey["segment"] not in names["segments"]:
        problems.append(_missing("/journey/segment", _("segment"), journey["segment"]))
    for index, persona in enumerate(journey.get("personas", [])):
        base = f"/journey/personas/{index}"
        if persona.get("segment") and persona["segment"] not in names["segments"]:
            problems.append(_missing(f"{base}/segment", _("segment"), persona["segment"]))
        for c_index, channel in enumerate(persona.get("preferred_channels", [])):
            if channel not in names["channels"]:
                problems.append(
                    _missing(f"{base}/preferred_channels/{c_index}", _("channel"), channel)
                )
    for s_index, stage in enumerate(journey["stages"]):
        for t_index, tp in enumerate(stage.get("touchpoints", [])):
            base = f"/journey/stages/{s_index}/touchpoints/{t_index}"
            if tp.get("channel") and tp["channel"] not in names["channels"]:
                problems.append(_missing(f"{base}/channel", _("channel"), tp["channel"]))
            if tp.get("team") and tp["team"] not in names["teams"]:
                problems.append(_missing(f"{base}/team", _("team"), tp["team"]))
    problems += _step_problems(journey["stages"])
    stage_count = len(journey["stages"])
    for l_index, lane in enumerate(journey.get("lanes", [])):
        seen = set()
        for c_index, cell in enumerate(lane.get("cells", [])):
            base = f"/journey/lanes/{l_index}/cells/{c_index}"
            if cell["stage"] >= stage_count:
                problems.append(Problem(f"{base}/stage", _("There is no stage with this number.")))
            elif cell["stage"] in seen:
                problems.append(Problem(f"{base}/stage", _("This lane has two cells here.")))
            seen.add(cell["stage"])
            if cell.get("emotion_score") is not None and lane["kind"] != LaneKind.EMOTIONS:
                problems.append(
                    Problem(
                        f"{base}/emotion_score",
                        _("Only the emotions lane carries an emotion score."),
                    )
                )
    return problems


def _step_problems(stages: list[dict]) -> list[Problem]:
    """A step's stages (alternatives) stand next to each other and agree on ``is_optional``."""
    problems = []
    seen: dict[int, bool] = {}
    previous = None
    for s_index, stage in enumerate(stages):
        step = stage.get("step")
        if step is None:
            previous = None
            continue
        optional = stage.get("is_optional", False)
        if step in seen and step != previous:
            problems.append(
                Problem(
                    f"/journey/stages/{s_index}/step",
                    _("The stages of one step must stand next to each other."),
                )
            )
        elif step in seen and seen[step] != optional:
            problems.append(
                Problem(
                    f"/journey/stages/{s_index}/is_optional",
                    _("All the stages of one step must be optional, or none."),
                )
            )
        seen.setdefault(step, optional)
        previous = step
    return problems
