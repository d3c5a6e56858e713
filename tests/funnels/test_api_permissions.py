"""The permission matrix (tests/api/permission_matrix.py) for every events and funnels endpoint:
anonymous 401, outsider 404 (or 400 / 200 as noted), viewer 403 on writes, editor and admin
allowed; and a check that the rows cover every operation of cjm/funnels/api/urls.py."""

import datetime
from types import SimpleNamespace

import pytest
from drf_spectacular.generators import SchemaGenerator

from cjm.funnels.models import Customer, EventImport, UnmappedEvent
from cjm.funnels.services.events import event_mapping_rule_create
from cjm.funnels.services.funnels import funnel_report_request, manual_funnel_create
from cjm.funnels.services.runs import funnel_report_run
from tests.api.permission_matrix import Endpoint, check_endpoint
from tests.funnels.helpers import BASE, build_funnel_world, record, store

pytestmark = pytest.mark.django_db

V1 = "/api/v1"
ID = "{id}"


def pk(attr: str):
    return lambda w: {"id": getattr(w, attr).pk}


def journey(w):
    return {"journey_id": w.world.journey.pk}


@pytest.fixture
def matrix_world(workspace, ws_admin, editor, viewer):
    world = build_funnel_world(workspace)
    store(
        world,
        [
            record(world, event_id="1", customer="ann", stage=0, at=BASE, touchpoint=0),
            record(world, event_id="2", customer="bob", stage=0, at=BASE, touchpoint=1),
            record(world, event_id="3", customer="ann", stage=1, at=BASE + datetime.timedelta(1)),
        ],
    )
    report = funnel_report_request(
        actor=None,
        journey=world.journey,
        date_from=BASE.date(),
        date_to=BASE.date() + datetime.timedelta(days=7),
    )
    funnel_report_run(report_id=report.pk)
    rule = event_mapping_rule_create(
        actor=None, workspace=workspace, event_name="Signed Up", stage=world.stages[0]
    )
    UnmappedEvent.objects.create(
        workspace=workspace, message_id="u1", user_id="ann", event_name="Clicked", occurred_at=BASE
    )
    manual = manual_funnel_create(
        actor=None,
        journey=world.journey,
        date_from=BASE.date(),
        date_to=BASE.date(),
        counts=[{"stage": world.stages[0].pk, "customers": 10}],
    )
    job = EventImport.objects.create(workspace=workspace, format="csv", file="x.csv")
    return SimpleNamespace(
        world=world,
        report=report,
        rule=rule,
        manual=manual,
        job=job,
        customer=Customer.objects.get(external_id="ann"),
        unmapped=UnmappedEvent.objects.get(message_id="u1"),
    )


def bulk_body(w):
    stage = w.world.stages[0].pk
    return [
        {"event_id": "new", "customer": "zoe", "stage": stage, "occurred_at": "2026-03-03T10:00Z"}
    ]


def rule_body(w):
    return {"workspace": w.world.workspace.pk, "event_name": "Paid", "stage": w.world.stages[2].pk}


def rule_update(w):
    return {"event_name": "Paid", "stage": w.world.stages[2].pk}


def manual_body(w):
    return {
        "date_from": "2026-03-01",
        "date_to": "2026-03-31",
        "counts": [{"stage": w.world.stages[0].pk, "customers": 5}],
    }


def report_query(suffix: str):
    return lambda w: {"id": w.report.pk, "stage": w.world.stages[0].pk, "suffix": suffix}


ENDPOINTS = [
    Endpoint("GET", f"{V1}/events/", outsider=200),
    Endpoint(
        "POST",
        f"{V1}/events/bulk/",
        body=bulk_body,
        role="editor",
        success=201,
        outsider=400,
        label="bulk (the outsider cannot name the stage)",
    ),
    Endpoint(
        "POST",
        f"{V1}/events/track/",
        body=lambda w: {
            "messageId": "t1",
            "userId": "ann",
            "event": "Paid",
            "timestamp": "2026-03-03T10:00:00Z",
        },
        role="editor",
        success=201,
        outsider=201,
        label="track (each caller's only workspace)",
    ),
    Endpoint("GET", f"{V1}/events/unmapped/", outsider=200),
    Endpoint(
        "POST",
        f"{V1}/events/unmapped/map/?workspace={{ws}}",
        lambda w: {"ws": w.world.workspace.pk},
        role="editor",
        success=202,
    ),
    Endpoint("GET", f"{V1}/event-mapping-rules/", outsider=200),
    Endpoint(
        "POST",
        f"{V1}/event-mapping-rules/",
        body=rule_body,
        role="editor",
        success=201,
        outsider=400,
    ),
    Endpoint("GET", f"{V1}/event-mapping-rules/{ID}/", pk("rule")),
    Endpoint("PUT", f"{V1}/event-mapping-rules/{ID}/", pk("rule"), body=rule_update, role="editor"),
    Endpoint(
        "PATCH", f"{V1}/event-mapping-rules/{ID}/", pk("rule"), body=rule_update, role="editor"
    ),
    Endpoint("DELETE", f"{V1}/event-mapping-rules/{ID}/", pk("rule"), role="editor", success=204),
    Endpoint("GET", f"{V1}/event-imports/", outsider=200),
    Endpoint("GET", f"{V1}/event-imports/{ID}/", pk("job")),
    Endpoint("GET", f"{V1}/customers/", outsider=200),
    Endpoint("GET", f"{V1}/customers/{ID}/", pk("customer")),
    Endpoint(
        "PUT",
        f"{V1}/customers/{ID}/",
        pk("customer"),
        body=lambda w: {"attributes": {}},
        role="editor",
    ),
    Endpoint(
        "PATCH",
        f"{V1}/customers/{ID}/",
        pk("customer"),
        body=lambda w: {"attributes": {"vip": True}},
        role="editor",
    ),
    Endpoint("GET", f"{V1}/customers/{ID}/timeline/", pk("customer")),
    Endpoint("GET", f"{V1}/funnel-reports/", outsider=200),
    Endpoint("GET", f"{V1}/funnel-reports/{ID}/", pk("report")),
    Endpoint("GET", f"{V1}/funnel-reports/{ID}/breakdown/?by=segment", pk("report")),
    Endpoint(
        "GET", f"{V1}/funnel-reports/{ID}/dropped-customers/?stage={{stage}}", report_query("")
    ),
    Endpoint(
        "GET", f"{V1}/funnel-reports/{ID}/dropped-customers/csv/?stage={{stage}}", report_query("")
    ),
    Endpoint("GET", f"{V1}/journeys/{{journey_id}}/funnel-reports/", journey),
    Endpoint(
        "POST",
        f"{V1}/journeys/{{journey_id}}/funnel-reports/",
        journey,
        body=lambda w: {"date_from": "2026-03-01", "date_to": "2026-03-02"},
        role="editor",
        success=202,
    ),
    Endpoint("GET", f"{V1}/journeys/{{journey_id}}/manual-funnels/", journey),
    Endpoint(
        "POST",
        f"{V1}/journeys/{{journey_id}}/manual-funnels/",
        journey,
        body=manual_body,
        role="editor",
        success=201,
    ),
    Endpoint("GET", f"{V1}/manual-funnels/", outsider=200),
    Endpoint("GET", f"{V1}/manual-funnels/{ID}/", pk("manual")),
    Endpoint("PUT", f"{V1}/manual-funnels/{ID}/", pk("manual"), body=manual_body, role="editor"),
    Endpoint("PATCH", f"{V1}/manual-funnels/{ID}/", pk("manual"), body=manual_body, role="editor"),
    Endpoint("DELETE", f"{V1}/manual-funnels/{ID}/", pk("manual"), role="editor", success=204),
]

# Operations with their own tests: the summary has no ids (the generic list check needs them),
# the upload is multipart (test_api_events.py).
ELSEWHERE = {
    ("get", "/api/v1/events/unmapped/summary/"),
    ("post", "/api/v1/event-imports/"),
}


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=[e.id for e in ENDPOINTS])
def test_permission_matrix(endpoint, clients, matrix_world):
    check_endpoint(endpoint, clients, matrix_world)


def test_unmapped_summary_is_scoped(clients, matrix_world):
    url = f"{V1}/events/unmapped/summary/"
    assert clients["anonymous"].get(url).status_code == 401
    assert clients["outsider"].get(url).json()["results"] == []
    assert [r["event_name"] for r in clients["viewer"].get(url).json()["results"]] == ["Clicked"]


def test_upload_roles(clients, matrix_world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    def upload(who):
        file = SimpleUploadedFile(
            "e.csv", b"event_id,customer,stage,touchpoint,channel,occurred_at\n"
        )
        body = {"workspace": matrix_world.world.workspace.pk, "file": file}
        return clients[who].post(f"{V1}/event-imports/", body, format="multipart")

    assert upload("anonymous").status_code == 401
    assert upload("outsider").status_code == 400  # a workspace it cannot name
    assert upload("viewer").status_code == 403
    assert upload("editor").status_code == 202


def test_matrix_covers_every_operation_of_the_funnels_api():
    from django.urls import include, path

    from cjm.funnels.api.urls import urlpatterns

    patterns = [path("api/v1/", include((urlpatterns, "funnels-api")))]
    schema = SchemaGenerator(patterns=patterns).get_schema(request=None, public=True)
    operations = {
        (method, route)
        for route, item in schema["paths"].items()
        for method in item
        if method in {"get", "post", "put", "patch", "delete"}
    }
    covered = {(e.method.lower(), e.path.split("?")[0]) for e in ENDPOINTS} | ELSEWHERE
    assert operations - covered == set(), "operations without a permission-matrix row"
    assert covered - operations == set(), "matrix rows for operations the schema does not have"
