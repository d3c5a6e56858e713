"""The permission matrix, run for every operation of the API (see permission_matrix.py), and a
check that the matrix covers every operation the OpenAPI schema lists."""

from uuid import uuid4

import pytest
from drf_spectacular.generators import SchemaGenerator

from cjm.accounts.models import Invitation
from tests.api.permission_matrix import Endpoint, check_endpoint

V1 = "/api/v1"
ID = "{id}"


def pk(attr: str):
    """Path parameters ``{"id": world.<attr>.pk}``."""
    return lambda w: {"id": getattr(w, attr).pk}


def crud(
    noun: str,
    attr: str,
    *,
    create: callable,
    update: callable,
    role: str = "editor",
    versioned_delete_attr: str | None = None,
):
    """The six CRUD operations of ``/api/v1/<noun>/``."""
    detail = f"{V1}/{noun}/{ID}/"
    target = pk(versioned_delete_attr or attr)
    return [
        Endpoint("GET", f"{V1}/{noun}/", outsider=200),
        Endpoint("POST", f"{V1}/{noun}/", body=create, role=role, success=201, outsider=400),
        Endpoint("GET", detail, pk(attr)),
        Endpoint("PUT", detail, pk(attr), body=update, role=role),
        Endpoint("PATCH", detail, pk(attr), body=update, role=role),
        Endpoint("DELETE", detail, target, role=role, success=204),
    ]


def _invitation(w):
    """A pending invitation to the world's workspace (made inside the rolled-back call)."""
    return Invitation.objects.create(
        workspace=w.workspace, email="pending@example.com", role="editor", token=uuid4().hex
    )


ENDPOINTS = [
    # Workspaces and members: any signed-in user creates a workspace; admins manage it.
    Endpoint("GET", f"{V1}/workspaces/", outsider=200),
    Endpoint(
        "POST",
        f"{V1}/workspaces/",
        body=lambda w: {"name": "New"},
        role="any",
        success=201,
        outsider=201,
    ),
    Endpoint("GET", f"{V1}/workspaces/{ID}/", pk("workspace")),
    Endpoint(
        "PUT",
        f"{V1}/workspaces/{ID}/",
        pk("workspace"),
        body=lambda w: {"name": "Renamed"},
        role="admin",
    ),
    Endpoint(
        "PATCH",
        f"{V1}/workspaces/{ID}/",
        pk("workspace"),
        body=lambda w: {"name": "Renamed"},
        role="admin",
    ),
    Endpoint(
        "GET",
        f"{V1}/workspaces/{{workspace_id}}/members/",
        lambda w: {"workspace_id": w.workspace.pk},
    ),
    Endpoint(
        "POST",
        f"{V1}/workspaces/{{workspace_id}}/members/",
        lambda w: {"workspace_id": w.workspace.pk},
        body=lambda w: {"user": w.colleague.pk, "role": "viewer"},
        role="admin",
        success=201,
    ),
    Endpoint(
        "GET",
        f"{V1}/workspaces/{{workspace_id}}/members/{{user_id}}/",
        lambda w: {"workspace_id": w.workspace.pk, "user_id": w.second_editor.pk},
    ),
    Endpoint(
        "PUT",
        f"{V1}/workspaces/{{workspace_id}}/members/{{user_id}}/",
        lambda w: {"workspace_id": w.workspace.pk, "user_id": w.second_editor.pk},
        body=lambda w: {"role": "viewer"},
        role="admin",
    ),
    Endpoint(
        "PATCH",
        f"{V1}/workspaces/{{workspace_id}}/members/{{user_id}}/",
        lambda w: {"workspace_id": w.workspace.pk, "user_id": w.second_editor.pk},
        body=lambda w: {"role": "viewer"},
        role="admin",
    ),
    Endpoint(
        "DELETE",
        f"{V1}/workspaces/{{workspace_id}}/members/{{user_id}}/",
        lambda w: {"workspace_id": w.workspace.pk, "user_id": w.second_editor.pk},
        role="admin",
        success=204,
    ),
    # Invitations (tests/people/test_invitations.py has the flows).
    Endpoint(
        "GET",
        f"{V1}/workspaces/{{workspace_id}}/invitations/",
        lambda w: {"workspace_id": w.workspace.pk},
    ),
    Endpoint(
        "POST",
        f"{V1}/workspaces/{{workspace_id}}/invitations/",
        lambda w: {"workspace_id": w.workspace.pk},
        body=lambda w: {"email": "invitee@example.com", "role": "viewer"},
        role="admin",
        success=201,
    ),
    Endpoint(
        "DELETE",
        f"{V1}/workspaces/{{workspace_id}}/invitations/{{invitation_id}}/",
        lambda w: {"workspace_id": w.workspace.pk, "invitation_id": _invitation(w).pk},
        role="admin",
        success=204,
    ),
    Endpoint(
        "POST",
        f"{V1}/invitations/accept/",
        body=lambda w: {"token": _invitation(w).token},
        role="any",
        success=200,
        outsider=200,
    ),
    *crud(
        "teams",
        "team",
        role="admin",
        create=lambda w: {"workspace": w.workspace.pk, "name": "Delivery", "members": []},
        update=lambda w: {"name": "Support desk"},
    ),
    *crud(
        "segments",
        "segment",
        create=lambda w: {"workspace": w.workspace.pk, "name": "Students"},
        update=lambda w: {"name": "Parents"},
    ),
    *crud(
        "personas",
        "persona",
        create=lambda w: {"workspace": w.workspace.pk, "name": "Boris", "segment": w.segment.pk},
        update=lambda w: {"name": "Anna K."},
    ),
    *crud(
        "channels",
        "channel",
        create=lambda w: {"workspace": w.workspace.pk, "name": "App", "kind": "online"},
        update=lambda w: {"name": "Web", "kind": "online"},
    ),
    *crud(
        "journeys",
        "journey",
        create=lambda w: {"workspace": w.workspace.pk, "title": "Return", "stage_names": ["A"]},
        update=lambda w: {"title": "Order online", "status": "active"},
    ),
    Endpoint(
        "POST",
        f"{V1}/journeys/{ID}/copy/",
        pk("journey"),
        body=lambda w: {"title": "Future order", "state": "future"},
        role="editor",
        success=201,
    ),
    *crud(
        "stages",
        "stage",
        create=lambda w: {"journey": w.journey.pk, "name": "Delivery", "position": 1},
        update=lambda w: {"name": "Search", "moment_of_truth": "zmot"},
    ),
    Endpoint(
        "POST",
        f"{V1}/stages/{ID}/move/",
        pk("stage"),
        body=lambda w: {"position": 1},
        role="editor",
    ),
    *crud(
        "lanes",
        "lane",
        create=lambda w: {"journey": w.journey.pk, "name": "Staff notes"},
        update=lambda w: {"name": "Feelings", "is_hidden": True},
        versioned_delete_attr="custom_lane",
    ),
    Endpoint(
        "POST", f"{V1}/lanes/{ID}/move/", pk("lane"), body=lambda w: {"position": 3}, role="editor"
    ),
    Endpoint(
        "PUT",
        f"{V1}/lanes/{ID}/cells/{{stage_id}}/",
        lambda w: {"id": w.emotions_lane.pk, "stage_id": w.stage.pk},
        body=lambda w: {"text": "anxious", "emotion_score": -2},
        role="editor",
    ),
    Endpoint("GET", f"{V1}/cells/", outsider=200),
    Endpoint("GET", f"{V1}/cells/{ID}/", pk("cell")),
    *crud(
        "touchpoints",
        "touchpoint",
        create=lambda w: {"stage": w.stage.pk, "name": "Call centre", "importance": 8},
        update=lambda w: {"name": "Product page", "rating": "awful", "rating_note": "slow"},
    ),
    Endpoint(
        "POST",
        f"{V1}/touchpoints/{ID}/move/",
        pk("touchpoint"),
        body=lambda w: {"position": 0, "stage": w.other_stage.pk},
        role="editor",
    ),
    *crud(
        "actions",
        "action",
        create=lambda w: {"touchpoint": w.touchpoint.pk, "title": "Speed up the page"},
        update=lambda w: {"title": "Cache the page", "status": "in_progress"},
    ),
    # Comments: any member may comment; authors delete their own, editors any.
    Endpoint("GET", f"{V1}/comments/", outsider=200),
    Endpoint(
        "POST",
        f"{V1}/comments/",
        body=lambda w: {"stage": w.stage.pk, "body": "Why?"},
        success=201,
        outsider=400,
    ),
    Endpoint("GET", f"{V1}/comments/{ID}/", pk("comment")),
    Endpoint("DELETE", f"{V1}/comments/{ID}/", pk("admin_comment"), role="editor", success=204),
    Endpoint("GET", f"{V1}/rating-changes/", outsider=200),
    Endpoint("GET", f"{V1}/rating-changes/{ID}/", pk("rating_change")),
]

# Operations outside the workspace-role model, tested on their own (tests/api/test_auth.py).
PUBLIC = {("post", f"{V1}/auth/token/")}


@pytest.fixture
def matrix_world(world, colleague, second_editor, ws_admin):
    from touchpoints import services

    world.colleague = colleague
    world.second_editor = second_editor
    world.admin_comment = services.comment_create(
        actor=ws_admin, touchpoint=world.touchpoint, body="Admin's note"
    )
    return world


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=[e.id for e in ENDPOINTS])
def test_permission_matrix(endpoint, clients, matrix_world):
    check_endpoint(endpoint, clients, matrix_world)


def test_matrix_covers_every_operation_of_the_schema():
    """Every operation of the journeys', accounts', personas' and touchpoints' endpoints (events,
    funnels and feedback have their own tests)."""
    from django.urls import path

    from cjm.api_urls import slice_urls

    patterns = [
        path("api/v1/", slice_urls(namespace))
        for namespace in ("cjm-api", "personas-api", "touchpoints-api")
    ]
    schema = SchemaGenerator(patterns=patterns).get_schema(request=None, public=True)
    operations = {
        (method, path)
        for path, item in schema["paths"].items()
        for method in item
        if method in {"get", "post", "put", "patch", "delete"}
    }
    covered = {e.operation for e in ENDPOINTS} | PUBLIC
    assert operations - covered == set(), "operations without a permission-matrix row"
    assert covered - operations == set(), "matrix rows for operations the schema does not have"
