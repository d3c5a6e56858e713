"""The change records (cjm/core/changes.py) and the map revision they bump
(cjm/services/revisions.py): who, from where, what changed field by field, once per transaction,
on-commit listeners once per committed change."""

import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.test import RequestFactory

from cjm import services
from cjm.core import changes
from cjm.models import JourneyRevision
from tests.factories import PersonaFactory, UserFactory
from touchpoints import services as tp

pytestmark = pytest.mark.django_db


def revision_of(journey) -> int:
    row = JourneyRevision.objects.filter(journey=journey).first()
    return row.revision if row else 0


@pytest.fixture
def journey(workspace, editor):
    return services.journey_create(
        actor=editor, workspace=workspace, title="Online store", stage_names=["Find", "Buy"]
    )


def test_a_new_map_with_its_lanes_and_stages_is_one_revision(journey, editor):
    assert revision_of(journey) == 1
    stage = journey.stages.get(position=0)
    services.stage_update(actor=editor, stage=stage, name="Search")
    assert revision_of(journey) == 2


def test_one_transaction_bumps_each_map_once(journey, editor, workspace):
    other = services.journey_create(actor=editor, workspace=workspace, title="Returns")
    stage = journey.stages.get(position=0)
    with transaction.atomic():
        services.stage_update(actor=editor, stage=stage, name="Search")
        touchpoint = tp.touchpoint_create(actor=editor, stage=stage, name="Search box")
        tp.touchpoint_update(actor=editor, touchpoint=touchpoint, rating="awful")
        services.journey_update(actor=editor, journey=other, title="Refunds")
    assert (revision_of(journey), revision_of(other)) == (2, 2)


def test_a_rolled_back_savepoint_forgets_its_bump(journey, editor):
    stage = journey.stages.get(position=0)
    with transaction.atomic():
        try:
            with transaction.atomic():
                services.stage_update(actor=editor, stage=stage, name="Gone")
                raise RuntimeError("undo")
        except RuntimeError:
            pass
        services.stage_update(actor=editor, stage=stage, name="Kept")
    assert revision_of(journey) == 2
    assert journey.stages.get(position=0).name == "Kept"


def test_a_refused_write_records_nothing_and_bumps_nothing(journey, viewer):
    with changes.capture() as recorded, pytest.raises(PermissionDenied):
        services.stage_create(actor=viewer, journey=journey, name="Nope")
    assert recorded == [] and revision_of(journey) == 1


def test_changes_carry_actor_source_and_field_values(journey, editor, workspace):
    persona = PersonaFactory(workspace=workspace)
    with changes.capture() as recorded:
        services.journey_update(
            actor=editor, journey=journey, title="Shop", personas=[persona], status="active"
        )
    (change,) = recorded
    assert (change.object_type, change.object_id, change.verb) == ("journey", journey.pk, "updated")
    assert (change.actor, change.actor_id, change.source) == (editor, editor.pk, "system")
    assert (change.workspace_id, change.journey_ids) == (workspace.pk, (journey.pk,))
    assert change.object_repr == "Shop"
    assert change.fields == {
        "title": {"old": "Online store", "new": "Shop"},
        "personas": {"old": [], "new": [persona.pk]},
        "status": {"old": "draft", "new": "active"},
    }


def test_creations_and_deletions_are_recorded_with_their_ids(journey, editor):
    stage = journey.stages.get(position=1)
    with changes.capture() as recorded:
        touchpoint = tp.touchpoint_create(actor=editor, stage=stage, name="Basket", rating="awful")
        action = tp.action_create(actor=editor, touchpoint=touchpoint, title="Fix")
        tp.action_update(actor=editor, action=action, status="done")
        tp.touchpoint_delete(actor=editor, touchpoint=touchpoint)
    assert [(c.object_type, c.verb, c.object_id) for c in recorded] == [
        ("touchpoint", "created", touchpoint.pk),
        ("action", "created", action.pk),
        ("action", "updated", action.pk),
        ("touchpoint", "deleted", touchpoint.pk),
    ]
    assert recorded[0].fields["rating"] == {"old": None, "new": "awful"}
    assert recorded[0].fields["stage"] == {"old": None, "new": stage.pk}
    done = recorded[2].fields
    assert done["status"] == {"old": "open", "new": "done"}
    assert done["done_at"]["old"] is None and done["done_at"]["new"].startswith("20")


def test_system_writes_have_no_actor_and_a_source_can_be_set(journey):
    stage = journey.stages.get(position=0)
    with changes.capture() as recorded, changes.source(changes.ADMIN):
        services.stage_update(actor=None, stage=stage, name="Search")
    assert (recorded[0].actor, recorded[0].source) == (None, "admin")
    assert changes.current_source() == "system"


@pytest.mark.parametrize(
    ("path", "source"),
    [
        ("/api/v1/journeys/1/", "api"),
        ("/admin/cjm/stage/1/change/", "admin"),
        ("/journeys/1/", "ui"),
    ],
)
def test_the_middleware_names_where_a_request_writes_from(path, source):
    seen = []
    middleware = changes.ChangeSourceMiddleware(
        lambda request: seen.append(changes.current_source())
    )
    middleware(RequestFactory().get(path))
    assert seen == [source] and changes.current_source() == "system"


def test_unknown_object_types_and_verbs_are_refused(workspace):
    for object_type, verb in [("gadget", "created"), ("journey", "renamed")]:
        with pytest.raises(ValueError):
            changes.record(
                actor=None, object_type=object_type, object_id=1, verb=verb,
                workspace_id=workspace.pk,
            )  # fmt: skip


def test_on_commit_listeners_get_each_committed_change_once(
    journey, editor, django_capture_on_commit_callbacks
):
    delivered = []
    changes.subscribe(delivered.append, phase=changes.ON_COMMIT)
    try:
        stage = journey.stages.get(position=0)
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            services.stage_update(actor=editor, stage=stage, name="Search")
            tp.touchpoint_create(actor=editor, stage=stage, name="Search box")
            assert delivered == []  # not before the commit
        assert [(c.object_type, c.verb) for c in delivered] == [
            ("stage", "updated"),
            ("touchpoint", "created"),
        ]
        delivered.clear()
        capture = django_capture_on_commit_callbacks(execute=True)
        with capture, pytest.raises(RuntimeError), transaction.atomic():
            services.stage_update(actor=editor, stage=stage, name="Rolled back")
            raise RuntimeError("undo")
        assert delivered == []
    finally:
        changes.unsubscribe(delivered.append)


def test_removing_a_member_bumps_only_the_maps_where_they_owned_cards(
    journey, workspace, ws_admin, editor
):
    other = services.journey_create(actor=ws_admin, workspace=workspace, title="Other")
    owner = UserFactory()
    services.membership_set(actor=None, workspace=workspace, user=owner, role="editor")
    tp.touchpoint_create(
        actor=ws_admin, stage=journey.stages.get(position=0), name="Call", owner=owner
    )
    before = revision_of(journey), revision_of(other)
    with changes.capture() as recorded:
        services.membership_remove(actor=ws_admin, workspace=workspace, user=owner)
    assert [(c.object_type, c.verb, c.journey_ids) for c in recorded] == [
        ("member", "deleted", (journey.pk,))
    ]
    assert (revision_of(journey), revision_of(other)) == (before[0] + 1, before[1])


@pytest.mark.django_db(transaction=True)
def test_a_touchpoint_write_and_a_stage_insert_on_one_map_do_not_deadlock(workspace, editor):
    """The touchpoint write locks its stage, then (recording its change) the map's revision row;
    a stage insert locks the journey row, then the stages it shifts. With the revision on the
    journey row itself the two would wait for each other. Here the insert waits, then goes on."""
    if connection.vendor != "postgresql":
        pytest.skip("needs row locks across connections (PostgreSQL)")
    journey = services.journey_create(
        actor=editor, workspace=workspace, title="Concurrent", stage_names=["A", "B"]
    )
    stage = journey.stages.get(position=0)
    touchpoint_locked, insert_started = threading.Event(), threading.Event()
    errors = []

    def hold_stage_before_recording(change):
        if change.object_type == "touchpoint":
            touchpoint_locked.set()
            insert_started.wait(5)  # the insert now holds the journey row and waits for A

    def touchpoint_write():
        try:
            tp.touchpoint_create(actor=editor, stage=stage, name="Chat")
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    def stage_insert():
        touchpoint_locked.wait(5)
        threading.Timer(0.5, insert_started.set).start()
        try:
            services.stage_create(actor=editor, journey=journey, name="Before A", position=0)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    changes._listeners[changes.IN_TRANSACTION].insert(0, hold_stage_before_recording)
    try:
        threads = [threading.Thread(target=touchpoint_write), threading.Thread(target=stage_insert)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
    finally:
        changes.unsubscribe(hold_stage_before_recording)
    assert errors == []
    assert journey.stages.count() == 3 and stage.touchpoints.count() == 1
    assert revision_of(journey) == 3
