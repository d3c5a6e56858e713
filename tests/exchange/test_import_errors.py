"""Malformed imports change nothing and name the place of each problem."""

import copy
import json

import pytest

from cjm.exchange import validation
from tests.exchange.conftest import (
    export_json,
    import_file,
    import_json,
    token_client,
    world_counts,
)


@pytest.fixture
def document(map_journey, editor):
    return export_json(token_client(editor), map_journey.pk)


def rejected(response) -> list[dict]:
    assert response.status_code == 400, response.content
    return response.json()["errors"]


def pointers(response) -> list[str]:
    return [error["pointer"] for error in rejected(response)]


def test_bad_json_file(editor, workspace, map_journey):
    before = world_counts(workspace)
    errors = rejected(import_file(token_client(editor), workspace.pk, "map.json", b'{"format": '))
    assert errors[0]["pointer"] == "" and "JSON" in errors[0]["message"]
    assert world_counts(workspace) == before


def test_bad_json_body(editor, workspace, map_journey):
    before = world_counts(workspace)
    response = token_client(editor).post(
        f"/api/v1/workspaces/{workspace.pk}/journey-imports/",
        data=b"{nope",
        content_type="application/json",
    )
    assert response.status_code == 400
    assert world_counts(workspace) == before


def test_schema_errors_name_their_place(editor, workspace, document):
    broken = copy.deepcopy(document)
    broken["journey"]["stages"][1]["touchpoints"][0]["rating"] = "superb"
    broken["journey"]["stages"][2]["name"] = ""
    broken["journey"]["lanes"][5]["cells"][0]["emotion_score"] = 9
    broken["journey"]["stages"][0]["touchpoints"][0]["id"] = 17
    broken["version"] = 2
    before = world_counts(workspace)
    found = pointers(import_json(token_client(editor), workspace.pk, broken))
    assert set(found) == {
        "/version",
        "/journey/stages/0/touchpoints/0",
        "/journey/stages/1/touchpoints/0/rating",
        "/journey/stages/2/name",
        "/journey/lanes/5/cells/0/emotion_score",
    }
    assert world_counts(workspace) == before


def test_unknown_channel_kind_and_unknown_channel(editor, twin, document):
    broken = copy.deepcopy(document)
    broken["journey"]["channels"][0]["kind"] = "telepathy"
    before = world_counts(twin)
    assert pointers(import_json(token_client(editor), twin.pk, broken)) == [
        "/journey/channels/0/kind"
    ]
    broken = copy.deepcopy(document)
    broken["journey"]["channels"] = []
    found = pointers(import_json(token_client(editor), twin.pk, broken))
    assert "/journey/stages/0/touchpoints/0/channel" in found
    assert "/journey/personas/0/preferred_channels/0" in found
    assert world_counts(twin) == before


def test_duplicate_names(editor, twin, document):
    broken = copy.deepcopy(document)
    journey = broken["journey"]
    journey["personas"].append(dict(journey["personas"][0]))
    journey["teams"].append(dict(journey["teams"][0]))
    journey["lanes"].append({"kind": "goals", "name": "Goals again", "cells": []})
    journey["lanes"][0]["cells"].append({"stage": 0, "text": "twice"})
    journey["lanes"][1]["cells"].append({"stage": 99, "text": "nowhere"})
    before = world_counts(twin)
    found = pointers(import_json(token_client(editor), twin.pk, broken))
    assert set(found) == {
        "/journey/personas/1/name",
        "/journey/teams/1/name",
        f"/journey/lanes/{len(journey['lanes']) - 1}/kind",
        f"/journey/lanes/0/cells/{len(journey['lanes'][0]['cells']) - 1}/stage",
        f"/journey/lanes/1/cells/{len(journey['lanes'][1]['cells']) - 1}/stage",
    }
    assert world_counts(twin) == before


def test_too_large(editor, twin, document, monkeypatch):
    before = world_counts(twin)
    monkeypatch.setattr(validation, "MAX_TOUCHPOINTS", 3)
    found = rejected(import_json(token_client(editor), twin.pk, document))
    assert found[0]["pointer"] == "/journey/stages" and "3" in found[0]["message"]
    monkeypatch.setattr(validation, "MAX_BYTES", 1000)
    raw = json.dumps(document).encode()
    found = rejected(import_file(token_client(editor), twin.pk, "big.json", raw))
    assert found[0]["pointer"] == "" and "large" in found[0]["message"]
    assert world_counts(twin) == before


def test_nul_character(editor, twin, document):
    broken = copy.deepcopy(document)
    broken["journey"]["title"] = "bad\u0000title"
    raw = json.dumps(broken).encode()
    assert rejected(import_file(token_client(editor), twin.pk, "map.json", raw))
    assert not twin.journeys.exists()


def test_failure_late_in_the_writes_rolls_everything_back(editor, twin, document, monkeypatch):
    """New channels and personas are written before the journey: a failure after them must
    leave nothing behind."""
    from cjm.exchange import services

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_touchpoints", boom)
    before = world_counts(twin)
    with pytest.raises(RuntimeError):
        services.journey_import(actor=editor, workspace=twin, document=document)
    assert world_counts(twin) == before
