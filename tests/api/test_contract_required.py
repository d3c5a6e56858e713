"""The API contract's promise on writes: a client that sends only the fields the contract names
can create every resource, and no create body ever requires more than it did before.

Each POST body's required fields must be a subset of what is allowed here: the contract's fields
for the resources API_CONTRACT.md lists, and for the others the fields they required when this
test was written (adding a required field to any of them breaks existing clients). Newer POSTs
join the list once they are in use."""

import pytest
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db

V1 = "/api/v1"
ALLOWED = {
    # The contract's resources (API_CONTRACT.md, "Resources", "Events and funnels", "Feedback").
    f"{V1}/workspaces/": {"name"},
    f"{V1}/workspaces/{{workspace_id}}/members/": {"user", "role"},
    f"{V1}/teams/": {"workspace", "name", "members"},
    f"{V1}/segments/": {"workspace", "name", "description"},
    f"{V1}/personas/": {"workspace", "segment", "name", "goals", "fears", "expectations"},
    f"{V1}/channels/": {"workspace", "name", "kind"},
    f"{V1}/journeys/": {"workspace", "title", "segment", "personas", "status"},
    f"{V1}/stages/": {"journey", "name", "position"},
    f"{V1}/touchpoints/": {
        "stage",
        "name",
        "channel",
        "rating",
        "owner",
        "team",
        "importance",
        "is_critical",
        "position",
    },  # fmt: skip
    f"{V1}/actions/": {"touchpoint", "title", "assignee", "due_date", "status"},
    f"{V1}/events/bulk/": {"event_id", "customer", "stage", "occurred_at"},
    f"{V1}/journeys/{{journey_id}}/funnel-reports/": {"date_from", "date_to"},
    f"{V1}/surveys/": {"workspace", "kind"},
    f"{V1}/responses/": {"survey", "score"},
    f"{V1}/auth/token/": {"username", "password"},
    # Outside the contract's table: pinned at what they required already.
    f"{V1}/comments/": {"body"},
    f"{V1}/event-imports/": {"file", "workspace"},
    f"{V1}/event-mapping-rules/": {"event_name", "stage", "workspace"},
    f"{V1}/events/track/": {"event", "messageId", "timestamp", "userId"},
    f"{V1}/journeys/{{id}}/copy/": {"title"},
    f"{V1}/journeys/{{journey_id}}/manual-funnels/": {"counts", "date_from", "date_to"},
    f"{V1}/lanes/": {"journey", "name"},
    f"{V1}/lanes/{{id}}/move/": {"position"},
    f"{V1}/stages/{{id}}/move/": {"position"},
    f"{V1}/touchpoints/{{id}}/move/": {"position"},
    f"{V1}/responses/bulk/": {"survey", "score"},
    f"{V1}/reviews/": {"source", "workspace"},
    f"{V1}/reviews/import/": {"reviews", "workspace"},
    f"{V1}/surveys/{{id}}/invitations/": {"customers"},
}


def _body_schema(schema, operation) -> dict:
    components = schema["components"]["schemas"]

    def resolve(node):
        return components[node["$ref"].split("/")[-1]] if "$ref" in node else node

    content = operation["requestBody"]["content"]
    body = resolve((content.get("application/json") or next(iter(content.values())))["schema"])
    return resolve(body["items"]) if body.get("type") == "array" else body


def test_no_create_body_requires_more_than_the_contract_allows():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    too_strict = {}
    for path, item in schema["paths"].items():
        operation = item.get("post")
        if not operation or "requestBody" not in operation:
            continue
        required = set(_body_schema(schema, operation).get("required", []))
        allowed = ALLOWED.get(path)
        # A POST not listed is newer than this test: list it once clients use it.
        if allowed is not None and required - allowed:
            too_strict[path] = sorted(required - allowed)
    assert too_strict == {}


def test_a_client_sending_only_the_contract_fields_creates_a_survey(editor, workspace):
    """Regression: ``name`` had become required, refusing contract-only clients."""
    from tests.api.conftest import build_world

    world = build_world(workspace, editor=editor)
    client = token_client(editor)
    touchpoint = world.touchpoints[0]
    response = client.post(
        f"{V1}/surveys/",
        {
            "workspace": workspace.pk,
            "kind": "nps",
            "question": "Would you recommend our delivery?",
            "touchpoint": touchpoint.pk,
            "is_active": True,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    survey = response.json()
    assert survey["name"] == f"NPS: {touchpoint.name}"
    assert survey["question"] == "Would you recommend our delivery?"
    assert survey["public_url"]
    # A relationship survey asks about the whole brand, and its name says so.
    bare = client.post(
        f"{V1}/surveys/", {"workspace": workspace.pk, "kind": "ces", "scope": "relationship"}
    )
    assert bare.status_code == 201 and bare.json()["name"].startswith("CES: ")
    # A name given is kept; clearing it brings the default back.
    named = client.post(
        f"{V1}/surveys/",
        {"workspace": workspace.pk, "kind": "csat", "name": "X", "touchpoint": touchpoint.pk},
    )
    assert named.json()["name"] == "X"
    cleared = client.patch(f"{V1}/surveys/{named.json()['id']}/", {"name": ""}, format="json")
    assert cleared.status_code == 200 and cleared.json()["name"] == f"CSAT: {touchpoint.name}"
    assert APIClient().post(f"{V1}/surveys/", {"kind": "nps"}).status_code == 401
