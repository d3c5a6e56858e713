"""Steps and branches: the services keep every step one block of stages, optional as a whole."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cjm import services
from cjm.core import changes
from cjm.core.exceptions import StaleVersionError
from cjm.models import Stage
from tests.factories import JourneyFactory


@pytest.fixture
def journey(workspace, editor):
    journey = JourneyFactory(workspace=workspace)
    for name in ["Search", "Compare", "Order", "Receive", "Use"]:
        services.stage_create(actor=editor, journey=journey, name=name)
    return journey


def layout(journey):
    """[(name, step index, optional)] in column order, steps numbered 0.. by order."""
    rows, numbers = [], {}
    for stage in Stage.objects.filter(journey=journey).order_by("position"):
        numbers.setdefault(stage.step, len(numbers))
        rows.append((stage.name, numbers[stage.step], stage.is_optional))
    return rows


def stage(journey, name):
    return Stage.objects.get(journey=journey, name=name)


def test_new_stages_get_steps_of_their_own(journey):
    assert [s[1] for s in layout(journey)] == [0, 1, 2, 3, 4]
    assert len(set(Stage.objects.filter(journey=journey).values_list("step", flat=True))) == 5


def test_branch_lands_right_after_the_steps_last_stage(journey, editor):
    services.stage_branch_create(actor=editor, stage=stage(journey, "Receive"), name="Courier")
    services.stage_branch_create(actor=editor, stage=stage(journey, "Receive"), name="Locker")
    assert layout(journey) == [
        ("Search", 0, False),
        ("Compare", 1, False),
        ("Order", 2, False),
        ("Receive", 3, False),
        ("Courier", 3, False),
        ("Locker", 3, False),
        ("Use", 4, False),
    ]


def test_optional_is_set_on_the_whole_step_and_inherited_by_branches(journey, editor):
    services.stage_branch_create(actor=editor, stage=stage(journey, "Compare"), name="Ask")
    services.step_optional_set(actor=editor, stage=stage(journey, "Ask"), is_optional=True)
    assert [row for row in layout(journey) if row[1] == 1] == [
        ("Compare", 1, True),
        ("Ask", 1, True),
    ]
    services.stage_branch_create(actor=editor, stage=stage(journey, "Compare"), name="Read")
    assert stage(journey, "Read").is_optional is True
    assert stage(journey, "Search").is_optional is False


def test_join_and_leave_a_step(journey, editor):
    services.stage_step_join(
        actor=editor, stage=stage(journey, "Search"), target=stage(journey, "Order")
    )
    assert layout(journey)[:3] == [("Compare", 0, False), ("Order", 1, False), ("Search", 1, False)]
    services.stage_step_leave(actor=editor, stage=stage(journey, "Order"))
    assert layout(journey) == [
        ("Compare", 0, False),
        ("Search", 1, False),
        ("Order", 2, False),
        ("Receive", 3, False),
        ("Use", 4, False),
    ]


def test_joining_an_optional_step_makes_the_stage_optional_and_leaving_required(journey, editor):
    services.step_optional_set(actor=editor, stage=stage(journey, "Compare"), is_optional=True)
    services.stage_step_join(
        actor=editor, stage=stage(journey, "Use"), target=stage(journey, "Compare")
    )
    assert stage(journey, "Use").is_optional is True
    services.stage_step_leave(actor=editor, stage=stage(journey, "Use"))
    assert stage(journey, "Use").is_optional is False
    assert stage(journey, "Compare").is_optional is True


def test_reorder_steps_moves_every_alternative(journey, editor):
    services.stage_branch_create(actor=editor, stage=stage(journey, "Receive"), name="Pick-up")
    services.step_move(actor=editor, stage=stage(journey, "Pick-up"), index=0)
    assert [row[0] for row in layout(journey)] == [
        "Receive",
        "Pick-up",
        "Search",
        "Compare",
        "Order",
        "Use",
    ]
    services.step_move(actor=editor, stage=stage(journey, "Receive"), index=99)
    assert [row[0] for row in layout(journey)][-2:] == ["Receive", "Pick-up"]


def test_move_by_position_never_splits_another_step(journey, editor):
    services.stage_branch_create(actor=editor, stage=stage(journey, "Order"), name="Call")
    # Columns: Search Compare Order Call Receive Use; "Use" asked to go between Order and Call.
    services.stage_move(actor=editor, stage=stage(journey, "Use"), position=3)
    assert [row[0] for row in layout(journey)] == [
        "Search",
        "Compare",
        "Order",
        "Call",
        "Use",
        "Receive",
    ]


def test_move_away_from_step_mates_leaves_the_step(journey, editor):
    services.stage_branch_create(actor=editor, stage=stage(journey, "Order"), name="Call")
    services.step_optional_set(actor=editor, stage=stage(journey, "Call"), is_optional=True)
    services.stage_move(actor=editor, stage=stage(journey, "Call"), position=0)
    rows = layout(journey)
    assert rows[0] == ("Call", 0, False)
    assert ("Order", 3, True) in rows
    assert len({row[1] for row in rows}) == 6


def test_insert_by_position_inside_a_step_lands_after_it(journey, editor):
    services.stage_branch_create(actor=editor, stage=stage(journey, "Order"), name="Call")
    services.stage_create(actor=editor, journey=journey, name="New", position=3)
    assert [row[0] for row in layout(journey)][2:5] == ["Order", "Call", "New"]
    assert stage(journey, "New").step != stage(journey, "Order").step


def test_create_with_an_existing_step_adds_an_alternative(journey, editor):
    step = stage(journey, "Compare").step
    created = services.stage_create(actor=editor, journey=journey, name="Ask", step=step)
    assert created.position == 2
    with pytest.raises(ValidationError) as error:
        services.stage_create(actor=editor, journey=journey, name="Far", step=step, position=5)
    assert "step" in error.value.message_dict
    assert not Stage.objects.filter(name="Far").exists()


def test_update_step_refuses_a_split_and_saves_nothing(journey, editor):
    search = stage(journey, "Search")
    with pytest.raises(ValidationError):
        services.stage_update(
            actor=editor, stage=search, step=stage(journey, "Order").step, name="Renamed"
        )
    assert stage(journey, "Search").step == search.step
    assert not Stage.objects.filter(name="Renamed").exists()


def test_update_step_joins_a_neighbour_and_records_the_change(journey, editor):
    compare = stage(journey, "Compare")
    services.step_optional_set(actor=editor, stage=stage(journey, "Search"), is_optional=True)
    updated = services.stage_update(
        actor=editor,
        stage=compare,
        step=stage(journey, "Search").step,
        expected_version=compare.version,
    )
    assert updated.step == stage(journey, "Search").step
    assert updated.is_optional is True
    assert updated.version == compare.version + 1


def test_update_step_checks_the_version(journey, editor):
    compare = stage(journey, "Compare")
    with pytest.raises(StaleVersionError):
        services.stage_update(actor=editor, stage=compare, step=99, expected_version=0)


def test_delete_a_branch_keeps_the_step(journey, editor):
    services.stage_branch_create(actor=editor, stage=stage(journey, "Receive"), name="Courier")
    services.stage_delete(actor=editor, stage=stage(journey, "Receive"))
    assert layout(journey)[3] == ("Courier", 3, False)
    assert [s.position for s in Stage.objects.filter(journey=journey)] == [0, 1, 2, 3, 4]


def test_viewer_cannot_change_steps(journey, viewer):
    with pytest.raises(PermissionDenied):
        services.stage_branch_create(actor=viewer, stage=stage(journey, "Order"), name="X")
    with pytest.raises(PermissionDenied):
        services.step_optional_set(actor=viewer, stage=stage(journey, "Order"), is_optional=True)


def test_changes_are_recorded(journey, editor):
    services.stage_branch_create(actor=editor, stage=stage(journey, "Receive"), name="Courier")
    with changes.capture() as recorded:
        services.step_optional_set(actor=editor, stage=stage(journey, "Courier"), is_optional=True)
    assert {c.object_id for c in recorded if "is_optional" in c.fields} == {
        stage(journey, "Receive").pk,
        stage(journey, "Courier").pk,
    }
    with changes.capture() as recorded:
        services.stage_step_leave(actor=editor, stage=stage(journey, "Courier"))
    (change,) = recorded
    assert change.verb == "updated"
    assert change.fields["is_optional"] == {"old": True, "new": False}
    assert set(change.fields) == {"step", "is_optional", "position"}
