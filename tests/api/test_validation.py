"""Bad input is a 400 with field errors (or 413 for a body over the limit), never a 500, and
nothing is half-saved. Foreign keys into other workspaces are field errors that reveal nothing."""

import json

import pytest

from cjm.choices import Role
from cjm.models import Journey
from tests.api.conftest import token_client
from tests.factories import MembershipFactory
from touchpoints.models import Touchpoint

pytestmark = pytest.mark.django_db

TOUCHPOINTS = "/api/v1/touchpoints/"


@pytest.fixture
def client(editor):
    return token_client(editor)


def create_touchpoint(client, world, **fields):
    return client.post(TOUCHPOINTS, {"stage": world.stage.pk, "name": "Call", **fields})


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"importance": 0}, "importance"),
        ({"importance": 11}, "importance"),
        ({"importance": "5"}, "importance"),
        ({"importance": 5.5}, "importance"),
        ({"importance": True}, "importance"),
        ({"rating": "great"}, "rating"),
        ({"rating": 1}, "rating"),
        ({"category": "weather"}, "category"),
        ({"is_critical": "yes"}, "is_critical"),
        ({"is_critical": 1}, "is_critical"),
        ({"name": 123}, "name"),
        ({"name": ""}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"stage": "1"}, "stage"),
        ({"stage": None}, "stage"),
        ({"stage": 2**70}, "stage"),
        ({"channel": -1}, "channel"),
        ({"owner": 999_999}, "owner"),
        ({"position": -1}, "position"),
        ({"position": 10**12}, "position"),
    ],
)
def test_wrong_types_and_out_of_range_values_are_field_errors(client, world, fields, field):
    response = create_touchpoint(client, world, **fields)
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert Touchpoint.objects.filter(name="Call").count() == 0


@pytest.mark.parametrize("field", ["channel", "team", "owner", "stage"])
def test_a_foreign_key_into_another_workspace_is_a_field_error_that_reveals_nothing(
    client, world, foreign, outsider, field
):
    value = {
        "channel": foreign.channel.pk,
        "team": foreign.team.pk,
        "owner": outsider.pk,
        "stage": foreign.stage.pk,
    }[field]
    response = create_touchpoint(client, world, **{field: value})
    missing = create_touchpoint(client, world, **{field: 987_654})
    assert response.status_code == missing.status_code == 400
    # The same answer as for an id that does not exist, apart from the id itself.
    assert response.json()[field][0].replace(str(value), "?") == missing.json()[field][0].replace(
        "987654", "?"
    )


def test_the_same_workspace_rule_holds_for_members_of_both_workspaces(
    client, world, foreign, editor
):
    """The editor also belongs to the other workspace: its objects pass the scoped field, and
    the service's full_clean rejects them as field errors."""
    MembershipFactory(workspace=foreign.workspace, user=editor, role=Role.EDITOR)
    response = create_touchpoint(client, world, channel=foreign.channel.pk, team=foreign.team.pk)
    assert response.status_code == 400
    assert set(response.json()) == {"channel", "team"}

    response = client.patch(
        f"/api/v1/journeys/{world.journey.pk}/", {"personas": [foreign.persona.pk]}
    )
    assert response.status_code == 400 and "personas" in response.json()
    response = client.patch(
        f"/api/v1/journeys/{world.journey.pk}/", {"segment": foreign.segment.pk}
    )
    assert response.status_code == 400 and "segment" in response.json()
    response = client.post(
        f"/api/v1/touchpoints/{world.touchpoint.pk}/move/",
        {"position": 0, "stage": foreign.stage.pk},
    )
    assert response.status_code == 400 and "stage" in response.json()


def test_nothing_is_half_saved_when_the_service_fails_late(client, world, foreign, editor):
    MembershipFactory(workspace=foreign.workspace, user=editor, role=Role.EDITOR)
    response = client.post(
        "/api/v1/journeys/",
        {
            "workspace": world.workspace.pk,
            "title": "Half",
            "stage_names": ["A", "B"],
            "personas": [world.persona.pk, foreign.persona.pk],
        },
    )
    assert response.status_code == 400 and "personas" in response.json()
    assert not Journey.objects.filter(title="Half").exists()


def test_model_rules_come_back_as_field_errors(client, world, ws_admin):
    # The emotion score belongs to the emotions lane, within -3..3.
    url = f"/api/v1/lanes/{world.custom_lane.pk}/cells/{world.stage.pk}/"
    assert "emotion_score" in client.put(url, {"emotion_score": 1}).json()
    url = f"/api/v1/lanes/{world.emotions_lane.pk}/cells/{world.stage.pk}/"
    assert client.put(url, {"emotion_score": 4}).status_code == 400
    # The touchpoints lane stays (hide it instead).
    touchpoints_lane = next(lane for lane in world.lanes if lane.kind == "touchpoints")
    response = client.delete(f"/api/v1/lanes/{touchpoints_lane.pk}/")
    assert response.status_code == 400 and "kind" in response.json()
    # One standard lane of a kind per map.
    response = client.post(
        "/api/v1/lanes/", {"journey": world.journey.pk, "name": "x", "kind": "goals"}
    )
    assert response.status_code == 400
    # A comment is on a touchpoint or a stage, not both, not neither.
    both = {"touchpoint": world.touchpoint.pk, "stage": world.stage.pk, "body": "?"}
    assert "non_field_errors" in client.post("/api/v1/comments/", both).json()
    assert client.post("/api/v1/comments/", {"body": "?"}).status_code == 400
    # Names are unique per workspace.
    duplicate = {"workspace": world.workspace.pk, "name": world.channel.name, "kind": "online"}
    assert client.post("/api/v1/channels/", duplicate).status_code == 400
    # A workspace keeps an admin.
    admin = token_client(ws_admin)
    url = f"/api/v1/workspaces/{world.workspace.pk}/members/{ws_admin.pk}/"
    assert "role" in admin.patch(url, {"role": "viewer"}).json()
    assert admin.delete(url).status_code == 400


@pytest.mark.parametrize(
    "body",
    [
        b'{"stage": 1, "name": "a\\u0000b"}',
        b'{"stage": 1, "name": "ok", "description": "\\ud800"}',
        b'{"stage": 1, "name": "ok", "x\\u0000": 1}',
        b'{"stage": 1, "name": ',
        b'{"stage": 1, "importance": NaN}',
        b"[1, 2]",
        b'"text"',
        b"\xff\xfe",
        b"[" * 100_000 + b"]" * 100_000,
    ],
)
def test_malformed_json_nul_and_surrogates_are_400(client, world, body):
    response = client.generic("POST", TOUCHPOINTS, body, content_type="application/json")
    assert response.status_code == 400


def test_other_media_types_are_415(client, world):
    response = client.generic("POST", TOUCHPOINTS, b"name=x", content_type="text/plain")
    assert response.status_code == 415


def test_a_body_over_the_limit_is_413(client, world, settings):
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 1024 * 1024
    body = json.dumps({"stage": world.stage.pk, "name": "Big", "description": "x" * 1024 * 1024})
    response = client.generic("POST", TOUCHPOINTS, body, content_type="application/json")
    assert response.status_code == 413
    assert not Touchpoint.objects.filter(name="Big").exists()
    # Just under the limit is fine.
    body = json.dumps({"stage": world.stage.pk, "name": "Big", "description": "x" * 1_000_000})
    response = client.generic("POST", TOUCHPOINTS, body, content_type="application/json")
    assert response.status_code == 201


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("page_size=500", 200),
        ("page_size=501", 400),
        ("page_size=0", 400),
        ("page_size=ten", 400),
        ("page=2", 404),
        ("page=x", 404),
        ("rating=great", 400),
        ("journey=abc", 400),
        ("journey=99999999999999999999999", 400),
        ("importance_min=0", 400),
        ("ordering=secret", 400),
        ("search=a%00b", 400),
        ("search=%F0%9F%98%80", 200),
        ("is_critical=maybe", 400),
        ("is_critical=TRUE", 200),
        ("is_critical=", 400),
        ("journey=", 400),
        ("journey=1&journey=2", 400),
        ("rating=awful&rating=so_so", 200),
        ("ordering=name,-importance", 200),
        ("search=", 200),
        ("page_size=", 400),
    ],
)
def test_query_parameters_are_validated(client, world, query, status):
    assert client.get(f"{TOUCHPOINTS}?{query}").status_code == status


def test_filtering_by_a_workspace_you_are_not_in_is_400_like_a_missing_one(client, world, foreign):
    assert client.get(f"{TOUCHPOINTS}?workspace={foreign.workspace.pk}").status_code == 400
    assert client.get(f"{TOUCHPOINTS}?workspace=987654").status_code == 400
    response = client.get(f"{TOUCHPOINTS}?workspace={world.workspace.pk}")
    assert response.json()["count"] == len(world.touchpoints)


def test_huge_ids_in_paths_are_404(client, world):
    assert client.get(f"{TOUCHPOINTS}{2**70}/").status_code == 404
    assert client.get(f"/api/v1/journeys/{2**70}/").status_code == 404
    url = f"/api/v1/lanes/{world.emotions_lane.pk}/cells/{2**70}/"
    assert client.put(url, {"text": "x"}).status_code == 404


def test_a_view_may_allow_larger_bodies(settings):
    """Bulk endpoints set ``max_body_size``; the parser reads at most that much."""
    import io
    from types import SimpleNamespace

    from cjm.core.api.exceptions import RequestTooLarge
    from cjm.core.api.parsers import JSONParser

    body = json.dumps({"rows": ["x" * 100] * 20}).encode()
    small = {"view": SimpleNamespace(max_body_size=100)}
    large = {"view": SimpleNamespace(max_body_size=len(body))}
    with pytest.raises(RequestTooLarge):
        JSONParser().parse(io.BytesIO(body), parser_context=small)
    assert len(JSONParser().parse(io.BytesIO(body), parser_context=large)["rows"]) == 20
