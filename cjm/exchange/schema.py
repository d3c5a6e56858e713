"""The JSON Schema of the exchange document, built from the models' choices.

``cjm/exchange/schemas/journey.v1.json`` is this schema written out (served at
``/api/v1/schemas/journey.v1.json``); tests/exchange/test_schema.py keeps the two equal.
Regenerate the file with ``.venv/bin/python -m cjm.exchange.schema`` after changing a choice.
"""

import json
from pathlib import Path

from cjm.choices import JourneyState, JourneyStatus, LaneKind, MomentOfTruth, PurchasePhase
from touchpoints.choices import (
    IMPORTANCE_MAX,
    IMPORTANCE_MIN,
    ActionStatus,
    ChannelKind,
    ChannelMedium,
    CustomerReaction,
    Rating,
    TouchpointCategory,
)

SCHEMA_FILE = Path(__file__).parent / "schemas" / "journey.v1.json"
SCHEMA_ID = "https://cjm.example/schemas/journey.v1.json"

EMOTION_MIN, EMOTION_MAX = -3, 3


def _text(max_length: int | None = None) -> dict:
    return {"type": "string"} | ({"maxLength": max_length} if max_length else {})


def _name(max_length: int) -> dict:
    return {"type": "string", "minLength": 1, "maxLength": max_length}


def _enum(choices) -> dict:
    return {"type": "string", "enum": list(choices.values)}


def _nullable(schema: dict) -> dict:
    return {"anyOf": [schema, {"type": "null"}]}


def _object(properties: dict, required: list[str] | None = None) -> dict:
    return {
        "type": "object",
        "properties": properties,
        "required": required if required is not None else list(properties),
        "additionalProperties": False,
    }


def build_schema() -> dict:
    person = _nullable(_name(254))
    action = _object(
        {
            "title": _name(300),
            "description": _text(),
            "assignee": person,
            "due_date": _nullable({"type": "string", "format": "date"}),
            "status": _enum(ActionStatus),
            "done_at": _nullable({"type": "string", "format": "date-time"}),
        },
        required=["title"],
    )
    touchpoint = _object(
        {
            "name": _name(200),
            "description": _text(),
            "channel": _nullable(_name(120)),
            "category": _enum(TouchpointCategory),
            "owner": person,
            "team": _nullable(_name(120)),
            "rating": _enum(Rating),
            "importance": {"type": "integer", "minimum": IMPORTANCE_MIN, "maximum": IMPORTANCE_MAX},
            "is_critical": {"type": "boolean"},
            "customer_reaction": _enum(CustomerReaction),
            "actions": {"type": "array", "items": action},
        },
        required=["name"],
    )
    stage = _object(
        {
            "name": _name(200),
            "description": _text(),
            "moment_of_truth": _enum(MomentOfTruth),
            "purchase_phase": _enum(PurchasePhase),
            # Alternative stages (branches) share a step; a step's stages are adjacent.
            "step": {"type": "integer", "minimum": 0, "maximum": 100_000},
            "is_optional": {"type": "boolean"},
            "touchpoints": {"type": "array", "items": touchpoint},
        },
        required=["name"],
    )
    cell = _object(
        {
            "stage": {"type": "integer", "minimum": 0},
            "text": _text(),
            "emotion_score": _nullable(
                {"type": "integer", "minimum": EMOTION_MIN, "maximum": EMOTION_MAX}
            ),
        },
        required=["stage"],
    )
    lane = _object(
        {
            "kind": _enum(LaneKind),
            "name": _name(200),
            "is_hidden": {"type": "boolean"},
            "cells": {"type": "array", "items": cell},
        },
        required=["kind", "name"],
    )
    persona_texts = {
        field: _text(200 if field in ("role_title", "avatar_url") else None)
        for field in (
            "role_title",
            "avatar_url",
            "demographic",
            "geographic",
            "psychographic",
            "socio_economic",
            "goals",
            "needs",
            "thoughts",
            "emotions",
            "fears",
            "expectations",
            "quote",
        )  # fmt: skip
    }
    persona = _object(
        {
            "name": _name(200),
            "segment": _nullable(_name(200)),
            **persona_texts,
            "preferred_channels": {"type": "array", "items": _name(120)},
        },
        required=["name"],
    )
    journey = _object(
        {
            "title": _name(200),
            "description": _text(),
            "state": _enum(JourneyState),
            "status": _enum(JourneyStatus),
            "segment": _nullable(_name(200)),
            "segments": {
                "type": "array",
                "items": _object({"name": _name(200), "description": _text()}, ["name"]),
            },
            "channels": {
                "type": "array",
                "items": _object(
                    {
                        "name": _name(120),
                        "kind": _enum(ChannelKind),
                        "medium": _enum(ChannelMedium),
                    },
                    ["name", "kind"],
                ),
            },
            "teams": {
                "type": "array",
                "items": _object({"name": _name(120), "description": _text()}, ["name"]),
            },
            "personas": {"type": "array", "items": persona},
            "stages": {"type": "array", "items": stage},
            "lanes": {"type": "array", "items": lane},
        },
        required=["title", "stages"],
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "CJM journey map, exchange format version 1",
        "description": "A whole journey map without database ids; see docs/exchange.md.",
        **_object(
            {
                "format": {"const": "cjm.journey"},
                "version": {"const": 1},
                "exported_at": {"type": "string", "format": "date-time"},
                "journey": journey,
            },
            required=["format", "version", "journey"],
        ),
    }


def schema_text() -> str:
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":  # pragma: no cover - writes the file
    import django

    django.setup()
    SCHEMA_FILE.write_text(schema_text(), encoding="utf-8")
