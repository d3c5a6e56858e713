"""Event files as people write them: names instead of ids, the mapping rules, spreadsheet
encodings and delimiters (cjm/funnels/names.py, cjm/funnels/filetext.py)."""

import csv
import io

import pytest

from cjm.funnels.filetext import UnsureEncoding, detect
from cjm.funnels.importer import FileFormatError
from cjm.funnels.models import Event, EventMappingRule
from cjm.funnels.services.events import events_import_file
from tests.factories import JourneyFactory, StageFactory

pytestmark = pytest.mark.django_db


def run(world, text: str, *, encoding="utf-8", **options):
    return events_import_file(
        actor=None,
        workspace=world.workspace,
        stream=io.BytesIO(text.encode(encoding)),
        format="csv",
        **options,
    )


def stored(event_id: str) -> tuple:
    event = Event.objects.get(event_id=event_id)
    return event.stage_id, event.touchpoint_id, event.channel_id


def test_names_are_resolved_without_case_and_spaces(world):
    report = run(
        world,
        "event_id,customer,stage,touchpoint,channel,occurred_at,segment\n"
        "a1,ann, stage 1 ,tp 1.2,,2026-03-02T10:00:00Z,students\n"
        "a2,ann,STAGE 2,,website,2026-03-02T11:00:00+03:00,\n"
        f"a3,bob,{world.stages[2].pk},{world.touchpoints[2][0].pk},,2026-03-02T12:00:00Z,\n",
    )
    assert (report.created, report.bad_rows) == (3, 0), report.errors
    tp = world.touchpoints[0][1]
    assert stored("a1") == (world.stages[0].pk, tp.pk, tp.channel_id)
    assert stored("a2") == (world.stages[1].pk, None, world.channels[0].pk)
    assert stored("a3")[0] == world.stages[2].pk  # ids work as before
    assert Event.objects.get(event_id="a1").customer.segment == world.segments[1]


def test_unknown_and_ambiguous_names_are_row_errors_that_quote_the_value(world):
    other = JourneyFactory(workspace=world.workspace, title="Returns")
    StageFactory(journey=other, name="Stage 1", position=0)
    text = (
        "event_id,customer,stage,touchpoint,channel,occurred_at\n"
        "b1,ann,Stage 1,,,2026-03-02T10:00:00Z\n"
        "b2,ann,Checkout,,,2026-03-02T10:00:00Z\n"
        "b3,ann,Stage 2,Hotline,,2026-03-02T10:00:00Z\n"
        "b4,ann,Stage 2,,Carrier pigeon,2026-03-02T10:00:00Z\n"
        "b5,ann,Stage 2,TP 2.1,,2026-03-02T10:00:00Z\n"
    )
    report = run(world, text)
    assert not report.stored and not Event.objects.exists()
    errors = {e["line"]: e["errors"] for e in report.errors}
    assert sorted(errors) == [2, 3, 4, 5]
    assert 'Several stages are named "Stage 1"' in errors[2]["stage"][0]
    assert errors[3]["stage"] == ['No stage named "Checkout" in this workspace.']
    assert errors[4]["touchpoint"] == ['No touchpoint named "Hotline" at the stage "Stage 2".']
    assert errors[5]["channel"] == ['No channel named "Carrier pigeon".']
    # A journey column settles the ambiguity.
    fixed = run(
        world,
        "event_id,customer,journey,stage,touchpoint,channel,occurred_at\n"
        "c1,ann,online store,Stage 1,,,2026-03-02T10:00:00Z\n"
        "c2,ann,Returns,Stage 1,,,2026-03-02T10:00:00Z\n"
        "c3,ann,Nowhere,Stage 1,,,2026-03-02T10:00:00Z\n",
        skip_bad_rows=True,
    )
    assert fixed.created == 2 and fixed.errors[0]["line"] == 4
    assert fixed.errors[0]["errors"] == {"journey": ['No journey is titled "Nowhere".']}
    assert stored("c1")[0] == world.stages[0].pk and stored("c2")[0] != world.stages[0].pk


def test_rows_placed_by_the_mapping_rules(world):
    EventMappingRule.objects.create(
        workspace=world.workspace,
        event_name="Order Completed",
        stage=world.stages[2],
        touchpoint=world.touchpoints[2][1],
    )
    report = run(
        world,
        "event_id,customer,event,occurred_at\n"
        "m1,ann,Order Completed,2026-03-02T10:00:00Z\n"
        "m2,ann,Page Viewed,2026-03-02T10:00:00Z\n",
        skip_bad_rows=True,
    )
    assert report.created == 1
    tp = world.touchpoints[2][1]
    assert stored("m1") == (world.stages[2].pk, tp.pk, tp.channel_id)
    assert report.errors == [
        {
            "line": 3,
            "errors": {"event": ['No event mapping rule matches the event "Page Viewed".']},
        }
    ]


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8-sig", ";"), ("cp1251", ";"), ("utf-8", "\t"), ("cp1251", ",")],
)
def test_spreadsheet_files(world, encoding, delimiter):
    world.stages[0].name = "Знакомство"
    world.stages[0].save()
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)  # as spreadsheet software writes it
    writer.writerow(
        ["event_id", "customer", "stage", "touchpoint", "channel", "occurred_at", "properties"]
    )
    writer.writerow(
        ["s1", "Анна", "знакомство", "TP 1.1", "", "2026-03-02T10:00:00Z", '{"город": "Пермь"}']
    )
    text = out.getvalue()
    report = run(world, text, encoding=encoding)
    assert (report.created, report.errors) == (1, [])
    event = Event.objects.get(event_id="s1")
    assert event.customer.external_id == "Анна" and event.properties == {"город": "Пермь"}
    assert event.stage_id == world.stages[0].pk


def test_unsure_encoding_is_refused():
    latin1 = "event_id;customer\nx;Café © 2026 ®\n".encode("latin-1")
    with pytest.raises(UnsureEncoding, match="encoding"):
        detect(latin1)
    assert detect("event_id;customer\nx;Пётр\n".encode("cp1251")).encoding == "cp1251"
    assert detect("\ufeffevent_id\tcustomer\n".encode()).delimiter == "\t"


def test_a_bad_byte_later_in_the_file_fails_the_import_with_a_message(world):
    head = b"event_id,customer,stage,touchpoint,channel,occurred_at\n"
    body = b"".join(
        f"e{i},ann,{world.stages[0].pk},,,2026-03-02T10:00:00Z\n".encode() for i in range(4000)
    )
    with pytest.raises(FileFormatError, match="UTF-8"):
        events_import_file(
            actor=None,
            workspace=world.workspace,
            stream=io.BytesIO(head + body + b"x,\xff\xfe,1,,,2026\n"),
            format="csv",
        )
    assert not Event.objects.exists()
