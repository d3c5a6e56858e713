"""Events in through the API: bulk (all or nothing, replays), track calls and mapping rules,
unmapped calls, file uploads, customers and their timeline."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cjm.funnels.models import Customer, Event, EventImport, UnmappedEvent

pytestmark = pytest.mark.django_db

BULK = "/api/v1/events/bulk/"
TRACK = "/api/v1/events/track/"


def rows(world, n=3, prefix="e"):
    stage = world.stages[0]
    return [
        {
            "event_id": f"{prefix}{i}",
            "customer": f"c{i % 2}",
            "stage": stage.pk,
            "touchpoint": world.touchpoints[0][0].pk,
            "occurred_at": f"2026-03-02T10:0{i}:00+03:00",
        }
        for i in range(n)
    ]


def test_bulk_stores_and_counts_replays_as_duplicates(world, api):
    response = api.post(BULK, rows(world), format="json")
    assert response.status_code == 201, response.content
    assert response.json() == {"created": 3, "duplicates": 0}
    again = api.post(BULK, rows(world, n=4), format="json")
    assert again.json() == {"created": 1, "duplicates": 3}
    assert Event.objects.count() == 4
    event = Event.objects.get(event_id="e0")
    assert event.occurred_at.isoformat() == "2026-03-02T07:00:00+00:00"
    assert event.channel_id == world.touchpoints[0][0].channel_id  # from the touchpoint
    customer = Customer.objects.get(external_id="c0")
    assert customer.first_seen_at.isoformat() == "2026-03-02T07:00:00+00:00"
    assert customer.last_seen_at.isoformat() == "2026-03-02T07:02:00+00:00"


def test_bulk_repeated_id_in_one_body_is_a_duplicate(world, api):
    body = rows(world, n=2)
    body[1]["event_id"] = body[0]["event_id"]
    assert api.post(BULK, body, format="json").json() == {"created": 1, "duplicates": 1}


def test_bulk_is_all_or_nothing_with_errors_by_index(world, api, other_workspace):
    from tests.factories import StageFactory

    foreign_stage = StageFactory(journey__workspace=other_workspace)
    body = rows(world, n=5)
    body[1]["occurred_at"] = "2026-03-02T10:00:00"  # no time zone
    body[2]["touchpoint"] = world.touchpoints[1][0].pk  # a touchpoint of another stage
    body[3]["stage"] = foreign_stage.pk  # another workspace: "no such stage"
    body[4]["customer"] = ""
    response = api.post(BULK, body, format="json")
    assert response.status_code == 400
    errors = {row["index"]: row["errors"] for row in response.json()["rows"]}
    assert set(errors) == {1, 2, 3, 4}
    assert "occurred_at" in errors[1] and "touchpoint" in errors[2]
    assert "stage" in errors[3] and "customer" in errors[4]
    assert Event.objects.count() == 0 and Customer.objects.count() == 0


def test_ids_must_be_plain_digits(world, api):
    """ "²" passes str.isdigit() but not int(): a row error, not a server error."""
    body = rows(world, n=3)
    body[0]["stage"] = "²"
    body[1]["touchpoint"] = "١"  # an Arabic-Indic digit one: not an id either
    response = api.post(BULK, body, format="json")
    assert response.status_code == 400, response.content
    errors = {row["index"]: row["errors"] for row in response.json()["rows"]}
    assert errors == {
        0: {"stage": ["Must be an integer id."]},
        1: {"touchpoint": ["Must be an integer id."]},
    }


@pytest.mark.parametrize(
    "body",
    [{"event_id": "x"}, "text", [1, 2], [{"event_id": "a\x00b"}]],
    ids=["object", "string", "numbers", "nul"],
)
def test_bulk_rejects_bad_bodies(world, api, body):
    response = api.post(BULK, body, format="json")
    assert response.status_code == 400
    assert Event.objects.count() == 0


def test_bulk_limit_is_ten_thousand(world, api):
    body = rows(world, n=1) * 10_001
    response = api.post(BULK, body, format="json")
    assert response.status_code == 400
    assert "10000" in response.content.decode()


def test_bulk_roles(world, clients):
    assert clients["anonymous"].post(BULK, rows(world), format="json").status_code == 401
    assert clients["viewer"].post(BULK, rows(world), format="json").status_code == 403
    # The outsider cannot see the stage: every row is "no such stage", nothing revealed.
    outsider = clients["outsider"].post(BULK, rows(world), format="json")
    assert outsider.status_code == 400
    assert len(outsider.json()["rows"]) == 3
    explicit = clients["outsider"].post(
        f"{BULK}?workspace={world.workspace.pk}", rows(world), format="json"
    )
    assert explicit.status_code == 404
    assert clients["admin"].post(BULK, rows(world), format="json").status_code == 201


def test_track_maps_by_rules_and_keeps_unmapped_calls(
    world, api, django_capture_on_commit_callbacks
):
    checkout, pay = world.stages[1], world.stages[2]
    create = api.post(
        "/api/v1/event-mapping-rules/",
        {"workspace": world.workspace.pk, "event_name": "Order Completed", "stage": pay.pk},
        format="json",
    )
    assert create.status_code == 201, create.content
    specific = api.post(
        "/api/v1/event-mapping-rules/",
        {
            "workspace": world.workspace.pk,
            "event_name": "Order Completed",
            "property_name": "step",
            "property_value": "2",
            "stage": checkout.pk,
            "touchpoint": world.touchpoints[1][1].pk,
        },
        format="json",
    )
    assert specific.status_code == 201, specific.content
    calls = [
        {
            "messageId": "m1",
            "userId": "u1",
            "event": "Order Completed",
            "timestamp": "2026-03-02T10:00:00Z",
            "properties": {"step": 2},
        },
        {
            "messageId": "m2",
            "userId": "u1",
            "event": "Order Completed",
            "timestamp": "2026-03-02T11:00:00Z",
        },
        {
            "messageId": "m3",
            "userId": "u2",
            "event": "Viewed Banner",
            "timestamp": "2026-03-02T09:00:00Z",
            "properties": {"banner": "spring"},
        },
    ]
    response = api.post(f"{TRACK}?workspace={world.workspace.pk}", calls, format="json")
    assert response.status_code == 201, response.content
    assert response.json() == {"created": 2, "duplicates": 0, "unmapped": 1}
    assert Event.objects.get(event_id="m1").stage_id == checkout.pk  # the specific rule wins
    assert Event.objects.get(event_id="m1").channel_id == world.touchpoints[1][1].channel_id
    assert Event.objects.get(event_id="m2").stage_id == pay.pk
    summary = api.get(f"/api/v1/events/unmapped/summary/?workspace={world.workspace.pk}").json()
    assert [(row["event_name"], row["calls"]) for row in summary["results"]] == [
        ("Viewed Banner", 1)
    ]
    replay = api.post(f"{TRACK}?workspace={world.workspace.pk}", calls[2], format="json")
    assert replay.json() == {"created": 0, "duplicates": 1, "unmapped": 0}
    # Mapping the name later turns the stored call into an event.
    with django_capture_on_commit_callbacks(execute=True):
        api.post(
            "/api/v1/event-mapping-rules/",
            {
                "workspace": world.workspace.pk,
                "event_name": "Viewed Banner",
                "stage": world.stages[0].pk,
            },
            format="json",
        )
    assert not UnmappedEvent.objects.exists()
    assert Event.objects.get(event_id="m3").properties == {"banner": "spring"}


def test_track_needs_a_workspace_when_the_caller_has_several(world, api, editor, other_workspace):
    from tests.factories import MembershipFactory

    MembershipFactory(workspace=other_workspace, user=editor)
    call = {"messageId": "m", "userId": "u", "event": "x", "timestamp": "2026-03-02T10:00:00Z"}
    response = api.post(TRACK, call, format="json")
    assert response.status_code == 400 and "workspace" in response.json()
    for timestamp in ("soon", "0001-01-01T00:00:00+05:00", "9999-12-31T23:00:00-05:00"):
        bad = api.post(f"{TRACK}?workspace={world.workspace.pk}", {**call, "timestamp": timestamp})
        assert bad.status_code == 400 and bad.json()["rows"][0]["index"] == 0
    nul = api.get("/api/v1/events/unmapped/?event_name=a%00b")
    assert nul.status_code == 400


def test_upload_imports_in_the_background(world, api, django_capture_on_commit_callbacks):
    stage = world.stages[0].pk
    content = (
        "event_id,customer,stage,touchpoint,channel,occurred_at\n"
        f"f1,ann,{stage},,,2026-03-02T10:00:00Z\n"
        f"f2,bob,{stage},,,not a time\n"
    ).encode()
    for skip, created, status in ((False, 0, "failed"), (True, 1, "done")):
        upload = SimpleUploadedFile("events.csv", content, content_type="text/csv")
        with django_capture_on_commit_callbacks(execute=True):
            response = api.post(
                "/api/v1/event-imports/",
                {"workspace": world.workspace.pk, "file": upload, "skip_bad_rows": skip},
                format="multipart",
            )
        assert response.status_code == 202, response.content
        job = api.get(f"/api/v1/event-imports/{response.json()['id']}/").json()
        assert (job["status"], job["created_count"], job["error_count"]) == (status, created, 1)
        assert job["errors"][0]["line"] == 3 and "occurred_at" in job["errors"][0]["errors"]
        assert job["progress"] == 100
    assert EventImport.objects.count() == 2
    assert list(Event.objects.values_list("event_id", flat=True)) == ["f1"]


def test_customers_search_segment_and_timeline(world, api):
    api.post(BULK, rows(world, n=4), format="json")
    listing = api.get(f"/api/v1/customers/?workspace={world.workspace.pk}&search=c1").json()
    assert [c["external_id"] for c in listing["results"]] == ["c1"]
    customer = listing["results"][0]
    patch = api.patch(
        f"/api/v1/customers/{customer['id']}/", {"segment": world.segments[0].pk}, format="json"
    )
    assert patch.status_code == 200 and patch.json()["segment"] == world.segments[0].pk
    timeline = api.get(f"/api/v1/customers/{customer['id']}/timeline/").json()["results"]
    assert [e["event_id"] for e in timeline] == ["e1", "e3"]
    assert timeline[0]["journey"]["name"] == world.journey.title
    assert timeline[0]["channel"]["name"] == "Website"
