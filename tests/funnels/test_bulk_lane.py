"""The bulk API's fast lane (cjm/funnels/json_lane.py) and the JSON parser's shortcut: the same
events, customers and errors as the general path, and no NUL or lone surrogate slips through."""

import json

import pytest

from cjm.funnels.models import Customer, Event

pytestmark = pytest.mark.django_db

BULK = "/api/v1/events/bulk/"
AT = "2026-03-02T10:05:00Z"


def good_rows(world):
    stage, other = world.stages[0].pk, world.stages[1].pk
    tp, other_tp = world.touchpoints[0][1].pk, world.touchpoints[1][0].pk
    channel, segment = world.channels[1].pk, world.segments[1].pk
    return [
        {"event_id": "a1", "customer": "ann", "stage": stage, "touchpoint": tp, "occurred_at": AT,
         "segment": segment},  # the channel comes from the touchpoint
        {"event_id": "a2", "customer": "ann", "stage": str(stage), "channel": channel,
         "occurred_at": "2026-03-02T09:00:00Z"},  # an id as digits
        {"event_id": "a3", "customer": "bob", "stage": stage, "touchpoint": str(tp),
         "occurred_at": "2026-03-02T13:05:00+03:00"},  # another zone: stored in UTC
        {"event_id": "a4", "customer": "bob", "stage": stage,
         "occurred_at": "2026-03-02T10:05:00.25Z",
         "properties": {"k": [1, "v, \"quoted\""], "emoji": "\U0001f600", "ru": "Мария"}},
        {"event_id": "a1", "customer": "cid", "stage": stage, "occurred_at": AT},  # a repeat
        {"event_id": 'b,"5"', "customer": "dan,\nx", "stage": other, "touchpoint": other_tp,
         "channel": channel, "occurred_at": AT, "properties": ""},  # CSV specials
        {"event_id": "b6", "customer": 123, "stage": other, "occurred_at": AT,
         "segment": None, "touchpoint": "", "properties": {}},  # a number as the customer id
        {"event_id": "b7", "customer": "eve", "stage": other, "occurred_at": "2026-03-02T10:05Z"},
    ]  # fmt: skip


def bad_rows(world):
    stage = world.stages[0].pk

    def row(event_id, **changes):
        return {
            "event_id": event_id,
            "customer": "ann",
            "stage": stage,
            "occurred_at": AT,
            **changes,
        }

    return [
        row("c1", stage="²"),
        row("c2", touchpoint=world.touchpoints[1][0].pk),  # a touchpoint of another stage
        row("c3", channel=999999),
        row("c4", customer=""),
        row("c5", occurred_at="2026-02-30T10:00:00Z"),
        row("c6", occurred_at="2026-03-02T10:00:00"),  # no time zone
        row("x" * 201),
        row("c8", stage=True),
        row("c9", segment=999999),
        row("c10", properties=[1]),
        "not an object",
        row("c12"),  # good
    ]


def stored():
    events = sorted(
        Event.objects.values_list(
            "event_id", "customer__external_id", "stage_id", "touchpoint_id", "channel_id",
            "occurred_at", "properties",
        )
    )  # fmt: skip
    customers = sorted(
        Customer.objects.values_list("external_id", "first_seen_at", "last_seen_at", "segment")
    )
    return events, customers


def test_lane_stores_and_reports_what_the_general_path_does(world, api, monkeypatch):
    """Every kind of row, good and bad, with the lane's fast check and with it switched off
    (each row then goes through rows.validate_row): the same answers and the same data."""
    outcomes = []
    for fast in (True, False):
        if not fast:
            monkeypatch.setattr("cjm.funnels.json_lane.fast_fields", lambda row, refs: None)
        good = api.post(BULK, good_rows(world), format="json")
        assert good.status_code == 201, good.content
        bad = api.post(BULK, bad_rows(world), format="json")
        assert bad.status_code == 400, bad.content
        outcomes.append((good.json(), bad.json(), stored()))
        Event.objects.all().delete()
        Customer.objects.all().delete()
    assert outcomes[0] == outcomes[1]
    good, bad, (events, customers) = outcomes[0]
    assert good == {"created": 7, "duplicates": 1}
    assert [row["index"] for row in bad["rows"]] == list(range(11))
    assert [row[0] for row in events] == ["a1", "a2", "a3", "a4", 'b,"5"', "b6", "b7"]
    by_id = {row[0]: row for row in events}
    assert by_id["a1"][1] == "ann" and by_id["a1"][4] == world.touchpoints[0][1].channel_id
    assert by_id["a3"][5].isoformat() == "2026-03-02T10:05:00+00:00"
    assert by_id["a4"][6]["emoji"] == "\U0001f600"
    assert by_id['b,"5"'][1] == "dan,\nx" and by_id["b6"][1] == "123"
    assert ("ann", world.segments[1].pk) in {(c[0], c[3]) for c in customers}


def test_escaped_nul_and_lone_surrogates_are_refused(world, api):
    row = {"event_id": "e1", "customer": "ann", "stage": world.stages[0].pk, "occurred_at": AT}
    body = json.dumps([row])
    for bad in ('"e\\u0000"', '"e\\ud800"', '"e\\uDC00x"'):
        response = api.generic(
            "POST", BULK, body.replace('"e1"', bad), content_type="application/json"
        )
        assert response.status_code == 400, bad
    # Not escapes of NUL or a surrogate: an escaped backslash before "u0000", a surrogate pair.
    fine = body.replace('"e1"', '"e\\\\u0000"').replace('"ann"', '"\\ud83d\\ude00"')
    response = api.generic("POST", BULK, fine, content_type="application/json")
    assert response.status_code == 201, response.content
    event = Event.objects.get()
    assert event.event_id == "e\\u0000" and event.customer.external_id == "\U0001f600"
    assert Customer.objects.count() == 1


def test_bodies_in_another_charset_are_checked_string_by_string(world, api):
    """A charset other than UTF-8 may decode to a lone surrogate without a JSON escape."""
    row = {"event_id": "e1", "customer": "ann", "stage": world.stages[0].pk, "occurred_at": AT}
    body = json.dumps([row]).replace('"ann"', '"\\ud800"').encode()
    response = api.generic(
        "POST", BULK, body, content_type="application/json; charset=unicode_escape"
    )
    assert response.status_code == 400
    assert Event.objects.count() == 0
