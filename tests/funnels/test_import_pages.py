"""The import page as a brand manager uses it: a sample file per journey that the importer reads
back, uploads that answer at once with a pending import, files that cannot be read refused on the
form, and the mapping rules managed in the browser."""

import io
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from cjm.funnels.models import Event, EventImport, EventMappingRule
from cjm.funnels.sample_file import SAMPLE_COLUMNS
from cjm.funnels.services.events import events_import_file
from tests.factories import JourneyFactory, StageFactory
from tests.funnels.helpers import build_funnel_world

pytestmark = pytest.mark.django_db


def import_url(world):
    return reverse("cjm:event_import_list", kwargs={"workspace_id": world.workspace.pk})


def sample_url(world):
    return reverse("cjm:event_import_sample", kwargs={"journey_id": world.journey.pk})


def test_sample_file_names_the_map_and_round_trips(client, viewer, outsider, world):
    world.stages[1].name = "Оплата"
    world.stages[1].save()
    client.force_login(viewer)
    page = client.get(import_url(world)).content.decode()
    assert sample_url(world) in page
    reply = client.get(sample_url(world))
    assert reply.status_code == 200 and reply["Content-Type"].startswith("text/csv")
    assert "attachment" in reply["Content-Disposition"]
    text = reply.content.decode("utf-8-sig")
    assert text.splitlines()[0] == ",".join(SAMPLE_COLUMNS)
    assert "Оплата" in text and "TP 1.1" in text and "Website" in text
    assert str(world.stages[0].pk) not in text.split("\n", 1)[1].replace("sample-", "")
    report = events_import_file(
        actor=None, workspace=world.workspace, stream=io.BytesIO(reply.content), format="csv"
    )
    rows = len(text.strip().splitlines()) - 1
    assert (report.created, report.bad_rows) == (rows, 0), report.errors
    assert rows == 3 + 2 + 1  # one customer walks the whole map, two leave early
    paid = Event.objects.filter(stage=world.stages[1])
    assert paid.count() == 2 and all(e.touchpoint.stage_id == world.stages[1].pk for e in paid)
    client.force_login(outsider)
    assert client.get(sample_url(world)).status_code == 404


def test_upload_answers_at_once_with_a_pending_import(client, editor, world):
    client.force_login(editor)
    content = (
        "event_id;customer;stage;touchpoint;channel;occurred_at\r\n"
        "u1;Пётр;stage 1;TP 1.1;;2026-03-02T10:00:00Z\r\n"
    ).encode("cp1251")
    upload = SimpleUploadedFile("events.csv", content, content_type="text/csv")
    reply = client.post(import_url(world), {"file": upload})
    assert reply.status_code == 302
    job = EventImport.objects.get()
    assert reply["Location"] == reverse("cjm:event_import_detail", kwargs={"import_id": job.pk})
    assert job.status == "pending" and not Event.objects.exists()  # queued, not run in the request
    detail = client.get(reply["Location"]).content.decode()
    assert 'hx-trigger="every 1s"' in detail  # the page polls until the import is done


def test_upload_runs_the_queued_import(client, editor, world, django_capture_on_commit_callbacks):
    client.force_login(editor)
    content = "\ufeffevent_id;customer;stage;occurred_at\r\nu1;ann;Stage 2;2026-03-02T10:00:00Z\r\n"
    upload = SimpleUploadedFile("events.csv", content.encode(), content_type="text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        reply = client.post(import_url(world), {"file": upload})
    assert reply.status_code == 302
    job = EventImport.objects.get()
    assert (job.status, job.created_count) == ("done", 1)
    assert Event.objects.get().stage == world.stages[1]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"event_id;customer\nx;Caf\xe9 \xa9 \xae\n", "encoding"),
        (b"event_id;customer;occurred_at\n", "Missing columns: stage"),
        (b"", "empty"),
    ],
)
def test_unreadable_upload_is_a_form_error_and_nothing_is_stored(
    client, editor, world, content, message
):
    client.force_login(editor)
    upload = SimpleUploadedFile("events.csv", content, content_type="text/csv")
    reply = client.post(import_url(world), {"file": upload})
    assert reply.status_code == 400
    assert message in reply.content.decode()
    assert not EventImport.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_without_a_broker_the_import_runs_beside_the_request(client, workspace, editor, settings):
    """``make run`` has no broker (tasks run eagerly): the upload must not wait for the import."""
    settings.CELERY_BROKER_URL = ""
    world = build_funnel_world(workspace)
    client.force_login(editor)
    content = "event_id,customer,stage,occurred_at\nt1,ann,Stage 1,2026-03-02T10:00:00Z\n"
    upload = SimpleUploadedFile("events.csv", content.encode(), content_type="text/csv")
    reply = client.post(import_url(world), {"file": upload})
    assert reply.status_code == 302
    job = EventImport.objects.get()
    for _ in range(200):  # the thread finishes on its own; wait for it, whatever it takes
        job.refresh_from_db()
        if job.status in ("done", "failed"):
            break
        time.sleep(0.05)
    assert (job.status, job.created_count) == ("done", 1), job.error_message
    connection.close()


# Mapping rules in the browser.


def mapping_url(world):
    return reverse("cjm:event_mapping", kwargs={"workspace_id": world.workspace.pk})


def rule_data(world, **changes):
    data = {
        "event_name": "Order Completed",
        "property_name": "",
        "property_value": "",
        "stage": world.stages[2].pk,
        "touchpoint": world.touchpoints[2][0].pk,
        "channel": "",
    }
    return {**data, **changes}


def test_editor_creates_edits_and_deletes_a_rule(client, editor, world):
    client.force_login(editor)
    new = reverse("cjm:event_mapping_rule_create", kwargs={"workspace_id": world.workspace.pk})
    form = client.get(new + "?event_name=Signup").content.decode()
    assert 'value="Signup"' in form
    assert '<optgroup label="Online store · Stage 3">' in form and ">TP 3.1</option>" in form
    reply = client.post(new, rule_data(world))
    assert reply.status_code == 302 and reply["Location"] == mapping_url(world)
    rule = EventMappingRule.objects.get()
    assert (rule.stage, rule.touchpoint) == (world.stages[2], world.touchpoints[2][0])
    page = client.get(mapping_url(world)).content.decode()
    edit = reverse("cjm:event_mapping_rule_edit", kwargs={"rule_id": rule.pk})
    assert edit in page and "Order Completed" in page
    # A touchpoint of another stage, and a second rule with the same match, are form errors.
    bad = client.post(edit, rule_data(world, touchpoint=world.touchpoints[0][0].pk))
    assert bad.status_code == 400 and "belongs to another stage" in bad.content.decode()
    twin = client.post(new, rule_data(world, touchpoint=""))
    assert twin.status_code == 400 and EventMappingRule.objects.count() == 1
    reply = client.post(edit, rule_data(world, property_name="plan", property_value="pro"))
    assert reply.status_code == 302
    rule.refresh_from_db()
    assert (rule.property_name, rule.property_value) == ("plan", "pro")
    delete = reverse("cjm:event_mapping_rule_delete", kwargs={"rule_id": rule.pk})
    assert client.post(delete).status_code == 302
    assert not EventMappingRule.objects.exists()


def test_viewers_read_rules_and_outsiders_see_nothing(client, viewer, outsider, world):
    rule = EventMappingRule.objects.create(
        workspace=world.workspace, event_name="Order Completed", stage=world.stages[0]
    )
    edit = reverse("cjm:event_mapping_rule_edit", kwargs={"rule_id": rule.pk})
    delete = reverse("cjm:event_mapping_rule_delete", kwargs={"rule_id": rule.pk})
    new = reverse("cjm:event_mapping_rule_create", kwargs={"workspace_id": world.workspace.pk})
    client.force_login(viewer)
    page = client.get(mapping_url(world)).content.decode()
    assert "Order Completed" in page and edit not in page and new not in page
    assert client.get(edit).status_code == 403
    assert client.post(new, rule_data(world)).status_code == 403
    assert client.post(delete).status_code == 403
    client.force_login(outsider)
    assert client.get(edit).status_code == 404
    assert client.post(delete).status_code == 404
    assert client.get(mapping_url(world)).status_code == 404
    assert EventMappingRule.objects.count() == 1


def test_rule_form_only_offers_this_workspace(client, editor, world, other_workspace):
    foreign = StageFactory(journey=JourneyFactory(workspace=other_workspace), name="Elsewhere")
    client.force_login(editor)
    new = reverse("cjm:event_mapping_rule_create", kwargs={"workspace_id": world.workspace.pk})
    assert "Elsewhere" not in client.get(new).content.decode()
    reply = client.post(new, rule_data(world, stage=foreign.pk, touchpoint=""))
    assert reply.status_code == 400 and not EventMappingRule.objects.exists()


def test_mapping_pages_take_constant_queries(client, editor, world, django_assert_num_queries):
    client.force_login(editor)
    for count in (1, 3):  # the same number of queries for one rule and for several
        for index in range(count):
            EventMappingRule.objects.get_or_create(
                workspace=world.workspace,
                event_name=f"Event {index}",
                stage=world.stages[index],
                touchpoint=world.touchpoints[index][0],
                channel=world.channels[0],
            )
        rule = EventMappingRule.objects.first()
        edit = reverse("cjm:event_mapping_rule_edit", kwargs={"rule_id": rule.pk})
        with django_assert_num_queries(QUERIES["list"]):
            assert client.get(mapping_url(world)).status_code == 200
        with django_assert_num_queries(QUERIES["edit"]):
            assert client.get(edit).status_code == 200
        with django_assert_num_queries(QUERIES["sample"]):
            assert client.get(sample_url(world)).status_code == 200


QUERIES = {"list": 7, "edit": 9, "sample": 5}


def test_running_import_shows_the_progress_kept_in_the_cache(client, viewer, world):
    """On SQLite the running import's transaction holds the only write lock, so its progress
    goes to the cache (sidechannel.py); the polled page shows it."""
    from django.core.cache import cache

    from cjm.funnels.sidechannel import CACHE_KEY

    job = EventImport.objects.create(
        workspace=world.workspace, format="csv", file_name="big.csv", status="running"
    )
    cache.set(CACHE_KEY(EventImport._meta.db_table, job.pk), {"progress": 37, "rows_total": 9000})
    client.force_login(viewer)
    url = reverse("cjm:event_import_detail", kwargs={"import_id": job.pk})
    page = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'aria-valuenow="37"' in page and "37%" in page
    cache.delete(CACHE_KEY(EventImport._meta.db_table, job.pk))


def test_api_upload_of_an_unreadable_file_is_a_400(api, world):
    upload = SimpleUploadedFile("events.csv", b"event_id;customer\nx;Caf\xe9 \xa9 \xae\n")
    reply = api.post(
        "/api/v1/event-imports/",
        {"workspace": world.workspace.pk, "file": upload},
        format="multipart",
    )
    assert reply.status_code == 400 and "encoding" in str(reply.json())
    assert not EventImport.objects.exists()
