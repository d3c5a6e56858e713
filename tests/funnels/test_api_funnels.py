"""Funnel reports through the API: request (202), poll, result shape as API_CONTRACT.md says,
breakdowns, drill-down as JSON and CSV, manual funnels."""

import datetime

import pytest

from tests.funnels.helpers import BASE, record, store

pytestmark = pytest.mark.django_db

H = datetime.timedelta(hours=1)


@pytest.fixture
def events(world):
    r = lambda *a, **k: record(world, *a, **k)  # noqa: E731
    store(
        world,
        [
            r(event_id="1", customer="ann", stage=0, at=BASE, touchpoint=0, channel=0, segment=0),
            r(event_id="2", customer="ann", stage=1, at=BASE + H, touchpoint=1),
            r(event_id="3", customer="ann", stage=2, at=BASE + 3 * H),
            r(event_id="4", customer="bob", stage=0, at=BASE, touchpoint=1, channel=1, segment=1),
            r(event_id="5", customer="bob", stage=1, at=BASE + 2 * H, touchpoint=0),
            r(event_id="6", customer="cid", stage=0, at=BASE, touchpoint=0, channel=0, segment=1),
        ],
    )


def request_report(api, world, capture, **body):
    payload = {"date_from": "2026-03-01", "date_to": "2026-03-31", **body}
    with capture(execute=True):
        response = api.post(
            f"/api/v1/journeys/{world.journey.pk}/funnel-reports/", payload, format="json"
        )
    assert response.status_code == 202, response.content
    return response


def test_request_then_poll_a_done_report(world, events, api, django_capture_on_commit_callbacks):
    accepted = request_report(api, world, django_capture_on_commit_callbacks)
    body = accepted.json()
    assert body["status"] == "pending" and body["url"].endswith(f"/funnel-reports/{body['id']}/")
    assert accepted["Location"] == body["url"]
    report = api.get(f"/api/v1/funnel-reports/{body['id']}/").json()
    assert report["status"] == "done" and report["progress"] == 100
    a, b, c = (s.pk for s in world.stages)
    assert [
        (s["stage"], s["entered"], s["converted"], s["median_seconds_to_convert"])
        for s in report["stages"]
    ] == [(a, 3, 2, 5400.0), (b, 2, 1, 7200.0), (c, 1, None, None)]
    assert report["stages"][0]["drop_off_rate"] == pytest.approx(1 / 3)
    assert report["stages"][1]["is_worst"] and report["worst_stage"] == b
    assert report["exit_touchpoints"] == [
        {
            "touchpoint": world.touchpoints[0][0].pk,
            "touchpoint_name": "TP 1.1",
            "stage": a,
            "stage_name": "Stage 1",
            "customers": 1,
        },
        {
            "touchpoint": world.touchpoints[1][0].pk,
            "touchpoint_name": "TP 2.1",
            "stage": b,
            "stage_name": "Stage 2",
            "customers": 1,
        },
    ]
    assert len(report["trend"]) == 6  # the weeks touching March 2026
    listing = api.get(f"/api/v1/journeys/{world.journey.pk}/funnel-reports/").json()
    assert [r["id"] for r in listing["results"]] == [body["id"]]


def test_bad_requests_are_400(world, api, other_workspace):
    from tests.factories import SegmentFactory

    url = f"/api/v1/journeys/{world.journey.pk}/funnel-reports/"
    foreign_segment = SegmentFactory(workspace=other_workspace)
    for body in (
        {"date_from": "2026-03-31", "date_to": "2026-03-01"},
        {"date_from": "2026-03-01", "date_to": "2026-03-31", "conversion_window_days": -1},
        {"date_from": "2026-03-01", "date_to": "2026-03-31", "segment": foreign_segment.pk},
        {"date_from": "March", "date_to": "2026-03-31"},
        {"date_from": "2020-01-01", "date_to": "2026-03-31"},  # over five years
        {"date_from": "9998-12-01", "date_to": "9999-12-31"},
    ):
        assert api.post(url, body, format="json").status_code == 400, body


def test_breakdowns_and_drill_down(world, events, api, django_capture_on_commit_callbacks):
    report_id = request_report(api, world, django_capture_on_commit_callbacks).json()["id"]
    base = f"/api/v1/funnel-reports/{report_id}"
    by_segment = api.get(f"{base}/breakdown/?by=segment").json()
    groups = {g["label"]: [s["entered"] for s in g["stages"]] for g in by_segment["groups"]}
    assert groups == {"Students": [2, 1, 0], "Families": [1, 1, 1]}
    by_channel = api.get(f"{base}/breakdown/?by=channel").json()
    assert {g["label"]: g["customers"] for g in by_channel["groups"]} == {
        "Website": 2,
        "Phone": 1,
    }
    assert api.get(f"{base}/breakdown/?by=colour").status_code == 400

    first = world.stages[0].pk
    dropped = api.get(f"{base}/dropped-customers/?stage={first}").json()
    assert [row["external_id"] for row in dropped["results"]] == ["cid"]
    at_touchpoint = api.get(
        f"{base}/dropped-customers/?stage={world.stages[1].pk}"
        f"&touchpoint={world.touchpoints[1][0].pk}"
    ).json()
    assert [row["external_id"] for row in at_touchpoint["results"]] == ["bob"]
    assert at_touchpoint["results"][0]["entered_stage_at"].startswith("2026-03-02T02:00:00")
    csv_response = api.get(f"{base}/dropped-customers/csv/?stage={first}")
    assert csv_response.status_code == 200
    assert csv_response["Content-Type"].startswith("text/csv")
    lines = b"".join(csv_response.streaming_content).decode().splitlines()
    assert lines[0] == "customer,segment,entered_funnel_at,entered_stage_at,exit_touchpoint"
    assert lines[1].startswith("cid,Students,2026-03-02T00:00:00+00:00")
    assert lines[1].endswith(",TP 1.1")
    last = world.stages[2].pk
    assert api.get(f"{base}/dropped-customers/?stage={last}").status_code == 400
    assert api.get(f"{base}/dropped-customers/").status_code == 400


def test_segment_report_and_roles(world, events, clients, django_capture_on_commit_callbacks):
    url = f"/api/v1/journeys/{world.journey.pk}/funnel-reports/"
    body = {"date_from": "2026-03-01", "date_to": "2026-03-31", "segment": world.segments[1].pk}
    assert clients["anonymous"].post(url, body, format="json").status_code == 401
    assert clients["outsider"].post(url, body, format="json").status_code == 404
    assert clients["viewer"].post(url, body, format="json").status_code == 403
    report = request_report(
        clients["editor"], world, django_capture_on_commit_callbacks, segment=world.segments[1].pk
    ).json()
    viewer_sees = clients["viewer"].get(f"/api/v1/funnel-reports/{report['id']}/").json()
    assert [s["entered"] for s in viewer_sees["stages"]] == [2, 1, 0]
    assert clients["outsider"].get(f"/api/v1/funnel-reports/{report['id']}/").status_code == 404


def test_manual_funnel(world, api, viewer):
    from tests.funnels.conftest import token_client

    a, b, c = (s.pk for s in world.stages)
    url = f"/api/v1/journeys/{world.journey.pk}/manual-funnels/"
    body = {
        "title": "March",
        "date_from": "2026-03-01",
        "date_to": "2026-03-31",
        "counts": [
            {"stage": a, "customers": 1000},
            {"stage": b, "customers": 300},
            {"stage": c, "customers": 100},
        ],
    }
    created = api.post(url, body, format="json")
    assert created.status_code == 201, created.content
    funnel = created.json()
    assert [(s["entered"], s["converted"]) for s in funnel["stages"]] == [
        (1000, 300),
        (300, 100),
        (100, None),
    ]
    assert funnel["stages"][0]["drop_off_rate"] == pytest.approx(0.7)
    assert funnel["stages"][0]["is_worst"]  # 70% drop off after the first stage, 67% next
    growing = {**body, "counts": [{"stage": a, "customers": 10}, {"stage": b, "customers": 20}]}
    assert api.post(url, growing, format="json").status_code == 400
    detail = f"/api/v1/manual-funnels/{funnel['id']}/"
    etag = api.get(detail)["ETag"]
    changed = api.patch(
        detail,
        {**body, "counts": [{"stage": a, "customers": 500}]},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert changed.status_code == 200, changed.content
    assert [s["entered"] for s in changed.json()["stages"]] == [500, None, None]
    stale = api.patch(detail, body, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    assert token_client(viewer).delete(detail).status_code == 403
    assert api.delete(detail).status_code == 204


def test_patch_of_a_manual_funnel_needs_whole_counts(world, api):
    a, b = world.stages[0].pk, world.stages[1].pk
    url = f"/api/v1/journeys/{world.journey.pk}/manual-funnels/"
    body = {
        "date_from": "2026-03-01",
        "date_to": "2026-03-31",
        "counts": [{"stage": a, "customers": 1000}, {"stage": b, "customers": 300}],
    }
    funnel = api.post(url, body, format="json").json()
    detail = f"/api/v1/manual-funnels/{funnel['id']}/"
    response = api.patch(detail, {"counts": [{"customers": 5}, {"stage": a}]}, format="json")
    assert response.status_code == 400, response.content
    assert response.json()["counts"] == {
        "0": {"stage": ["This field is required."]},
        "1": {"customers": ["This field is required."]},
    }
    assert [s["entered"] for s in api.get(detail).json()["stages"]][:2] == [1000, 300]
    only_title = api.patch(detail, {"title": "April"}, format="json")
    assert only_title.status_code == 200 and only_title.json()["title"] == "April"
    assert [c["customers"] for c in only_title.json()["counts"]] == [1000, 300]
