"""File import (the service behind the upload page) and ``manage.py import_events``."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from cjm.funnels.importer import FileFormatError
from cjm.funnels.models import Customer, Event
from cjm.funnels.services.events import events_import_file

pytestmark = pytest.mark.django_db

HEADER = "event_id,customer,stage,touchpoint,channel,occurred_at,segment,properties,extra\n"


def csv_file(world, lines: list[str]) -> io.BytesIO:
    return io.BytesIO((HEADER + "".join(line + "\n" for line in lines)).encode())


def good_lines(world, n: int, start: int = 0) -> list[str]:
    stage, tp = world.stages[0].pk, world.touchpoints[0][1].pk
    segment = world.segments[0].pk
    return [
        f"r{i},cust{i % 3},{stage},{tp},,2026-03-02T10:{i % 60:02d}:00Z,{segment},"
        f'"{{""a"": {i}}}",x'
        for i in range(start, start + n)
    ]


def run(world, stream, **options):
    return events_import_file(
        actor=None, workspace=world.workspace, stream=stream, **{"format": "csv", **options}
    )


def test_csv_import_stores_events_customers_and_properties(world):
    seen = []
    report = run(
        world,
        csv_file(world, good_lines(world, 7)),
        chunk_size=3,
        total_bytes=10_000,
        on_progress=lambda r, p: seen.append(r.rows),
    )
    assert (report.rows, report.created, report.duplicates, report.bad_rows) == (7, 7, 0, 0)
    assert seen == [3, 6, 7]
    event = Event.objects.get(event_id="r4")
    assert event.properties == {"a": 4}
    assert event.channel_id == world.touchpoints[0][1].channel_id  # from the touchpoint
    assert Customer.objects.get(external_id="cust1").segment == world.segments[0]
    again = run(world, csv_file(world, good_lines(world, 9)))
    assert (again.created, again.duplicates) == (2, 7)


def test_all_or_nothing_reports_every_bad_row(world):
    lines = good_lines(world, 4)
    lines[1] = lines[1].replace("2026-03-02T10:01:00Z", "yesterday")
    lines[3] = lines[3].replace(f",{world.stages[0].pk},", ",999999,", 1)
    report = run(world, csv_file(world, lines), chunk_size=2)
    assert not report.stored and report.created == 0
    assert [(e["line"], sorted(e["errors"])) for e in report.errors] == [
        (3, ["occurred_at"]),
        (5, ["stage"]),
    ]
    assert not Event.objects.exists() and not Customer.objects.exists()
    skipped = run(world, csv_file(world, lines), skip_bad_rows=True)
    assert (skipped.stored, skipped.created, skipped.bad_rows) == (True, 2, 2)


def test_ndjson_import(world):
    stage = world.stages[1].pk
    rows = [
        {"event_id": "n1", "customer": "ann", "stage": stage, "occurred_at": "2026-03-02T10:00Z"},
        {
            "event_id": "n2",
            "customer": "ann",
            "stage": stage,
            "occurred_at": "2026-03-02T11:00Z",
            "properties": {"page": "/cart"},
        },
    ]
    text = "\n".join(json.dumps(r) for r in rows) + "\n\n{not json}\n"
    report = run(world, io.BytesIO(text.encode()), format="ndjson", skip_bad_rows=True)
    assert (report.created, report.bad_rows) == (2, 1)
    assert report.errors[0]["line"] == 4
    assert Event.objects.get(event_id="n2").properties == {"page": "/cart"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"event_id,customer\n1,2\n", "Missing columns"),
        (b"event_id\n\x98\xa9\xae", "encoding"),  # neither UTF-8 nor Windows-1251 text
        ("event_id\n".encode("utf-16"), "UTF-16"),
    ],
)
def test_unreadable_files(world, content, message):
    with pytest.raises(FileFormatError, match=message):
        run(world, io.BytesIO(content))


def test_nul_characters_are_bad_rows(world):
    lines = good_lines(world, 2)
    lines[0] = lines[0].replace("cust0", "cu\x00st")
    report = run(world, csv_file(world, lines), skip_bad_rows=True)
    assert report.errors[0]["errors"] == {"customer": ["Null characters are not allowed."]}


def test_command(world, tmp_path, capsys):
    path = tmp_path / "events.csv"
    path.write_bytes(csv_file(world, good_lines(world, 5)).getvalue())
    call_command("import_events", str(path), workspace=world.workspace.pk, chunk_size=2)
    assert "5 rows" in capsys.readouterr().out
    assert Event.objects.count() == 5
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_file(world, [*good_lines(world, 1, start=10), "x,y,z,,,never"]).getvalue())
    with pytest.raises(CommandError, match="Nothing was stored"):
        call_command("import_events", str(bad), workspace=world.workspace.pk)
    assert "line 3" in capsys.readouterr().err
    assert Event.objects.count() == 5
    call_command("import_events", str(bad), workspace=world.workspace.pk, skip_bad_rows=True)
    assert Event.objects.count() == 6
    with pytest.raises(CommandError, match="No workspace"):
        call_command("import_events", str(path), workspace=999999)
    with pytest.raises(CommandError, match="format"):
        call_command("import_events", str(tmp_path / "events.txt"), workspace=world.workspace.pk)


def test_every_time_format_is_stored_as_the_same_moment(world):
    """Canonical UTC times go to the database as they are written; others are converted."""
    import datetime

    stage = world.stages[0].pk
    formats = {
        "z": "2026-03-02T10:05:00Z",
        "offset": "2026-03-02T13:05:00+03:00",
        "zero-offset": "2026-03-02T10:05:00+00:00",
        "fraction": "2026-03-02T10:05:00.000000Z",
        "space": "2026-03-02 10:05:00Z",
        "week-date": "2026-W10-1T10:05:00Z",  # Monday of ISO week 10 of 2026: March 2
    }
    lines = [f"{name},ann,{stage},,,{moment},,," for name, moment in formats.items()]
    report = run(world, csv_file(world, lines))
    assert (report.created, report.bad_rows) == (len(formats), 0), report.errors
    expected = datetime.datetime(2026, 3, 2, 10, 5, tzinfo=datetime.UTC)
    stored = dict(Event.objects.values_list("event_id", "occurred_at"))
    assert stored == dict.fromkeys(formats, expected)
    customer = Customer.objects.get(external_id="ann")
    assert customer.first_seen_at == customer.last_seen_at == expected


def test_fast_csv_lane_stores_and_reports_what_the_general_path_does(world, monkeypatch):
    """Every kind of row, good and bad, through the CSV fast lane and with the lane's checks
    switched off (each row then goes through rows.validate_row): the same events, customers
    and errors. (The lane runs on PostgreSQL only.)"""
    from django.db import connection

    from cjm.funnels.csv_lane import CsvLane
    from cjm.funnels.models import Customer

    if connection.vendor != "postgresql":
        pytest.skip("the CSV fast lane renders PostgreSQL COPY batches")
    stage, other_stage = world.stages[0].pk, world.stages[1].pk
    tp, channel, segment = world.touchpoints[0][1].pk, world.channels[1].pk, world.segments[1].pk
    at = "2026-03-02T10:05:00Z"
    lines = [
        f"a1,ann,{stage},{tp},,{at},{segment},,x",  # channel from the touchpoint
        f"a2,ann,{stage},,{channel},2026-03-02T09:00:00Z,,,",
        f"a3,bob,{stage},,,2026-03-02T13:05:00+03:00,,,",  # not canonical: general path
        f'a4,bob,{stage},,,{at},,"{{""k"": [1, ""v""]}}",',  # properties: general path
        f"a1,cid,{stage},,,{at},,,",  # a repeat of a1 in the batch: the first one wins
        f"b1,cid,²,,,{at},,,",
        f"b2,cid,{stage},{world.touchpoints[1][0].pk},,{at},,,",  # touchpoint of another stage
        f"b3,cid,{stage},,999999,{at},,,",
        f"b4,,{stage},,,{at},,,",
        f"b5,cid,{stage},,,2026-02-30T10:00:00Z,,,",
        f'"b,6",dan,{other_stage},,, {at},,,',  # a comma in the id; a space before the time
        f'"b""7",dan,{other_stage},,,{at},,"{{bad",',
        f"b8,eve,{stage}",  # a short row
        f"{'x' * 201},eve,{stage},,,{at},,,",
        f"b9, {stage},{stage},,,{at},{segment},,",
    ]

    def outcome():
        report = run(world, csv_file(world, lines), skip_bad_rows=True)
        events = sorted(
            Event.objects.values_list(
                "event_id",
                "customer__external_id",
                "stage_id",
                "touchpoint_id",
                "channel_id",
                "occurred_at",
                "properties",
            )
        )
        customers = sorted(
            Customer.objects.values_list("external_id", "first_seen_at", "last_seen_at", "segment")
        )
        Event.objects.all().delete()
        Customer.objects.all().delete()
        summary = (report.rows, report.created, report.duplicates, report.bad_rows)
        return summary, sorted(report.errors, key=lambda e: e["line"]), events, customers

    fast = outcome()
    monkeypatch.setattr(CsvLane, "_fast", lambda self, values: None)
    general = outcome()
    assert fast == general
    assert fast[0] == (15, 6, 1, 8)
    assert [e["line"] for e in fast[1]] == [7, 8, 9, 10, 11, 13, 14, 15]
    assert fast[1][0]["errors"] == {"stage": ["Must be an integer id."]}
