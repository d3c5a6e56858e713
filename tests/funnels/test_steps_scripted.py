"""A scripted funnel with steps, figures written by hand: 80 customers, an optional step (B),
two branches (courier C1, pick-up C2), a required step (D) that some customers skip.

Stages in order: A; B (optional); C1 | C2 (one step); D; E. Window 7 days.

| group | customers | events (hours after entry)            | path             |
| g1    | 20        | A 0, B 1, C1 2, D 3, E 4              | A B C1 D E       |
| g2    | 15        | A 0, C2 2, D 2.5, E 4                 | A C2 D E (skips B) |
| g3    | 10        | A 0, B 1, C2 2 (touchpoint 0)          | A B C2, leaves at C2 |
| g4    | 10        | A 0, C1 2 (touchpoint 1), E 4          | A C1 (E not counted: D skipped) |
| g5    | 10        | A 0 (touchpoint 1)                     | A                |
| g6    | 5         | A 0, B 1 (touchpoint 0)                | A B              |
| g7    | 5         | A 0, C2 2, C1 2.5, D 4, E 5            | A C2 D E (first branch) |
| g8    | 5         | B 1, C1 2, D 3 (no A)                  | not in the funnel |
"""

import datetime

import pytest

from cjm.funnels.reference import reference_report
from cjm.models import Stage
from tests.funnels.helpers import (
    BASE,
    build_funnel_world,
    definition_for,
    record,
    reference_events,
    run_report,
    spec,
    store,
)

pytestmark = pytest.mark.django_db

A, B, C1, C2, D, E = range(6)
GROUPS = {
    "g1": (20, [(A, 0, None), (B, 1, None), (C1, 2, None), (D, 3, None), (E, 4, None)]),
    "g2": (15, [(A, 0, None), (C2, 2, None), (D, 2.5, None), (E, 4, None)]),
    "g3": (10, [(A, 0, None), (B, 1, None), (C2, 2, 0)]),
    "g4": (10, [(A, 0, None), (C1, 2, 1), (E, 4, None)]),
    "g5": (10, [(A, 0, 1)]),
    "g6": (5, [(A, 0, None), (B, 1, 0)]),
    "g7": (5, [(A, 0, None), (C2, 2, None), (C1, 2.5, None), (D, 4, None), (E, 5, None)]),
    "g8": (5, [(B, 1, None), (C1, 2, None), (D, 3, None)]),
}


@pytest.fixture
def scripted(workspace):
    world = build_funnel_world(workspace, stages=6)
    layout = [(1, False), (2, True), (3, False), (3, False), (4, False), (5, False)]
    for stage, (step, optional) in zip(world.stages, layout, strict=True):
        Stage.objects.filter(pk=stage.pk).update(step=step, is_optional=optional)
    records = []
    number = 0
    for group, (count, events) in GROUPS.items():
        for _ in range(count):
            number += 1
            entry = BASE + datetime.timedelta(minutes=number)
            for stage, hours, touchpoint in events:
                records.append(
                    record(
                        world,
                        event_id=f"{group}-{number}-{stage}",
                        customer=f"customer-{number:02d}",
                        stage=stage,
                        touchpoint=touchpoint,
                        at=entry + datetime.timedelta(hours=hours),
                    )
                )
    assert number == 80
    store(world, records)
    definition = definition_for(
        world,
        date_from=BASE.date(),
        date_to=BASE.date() + datetime.timedelta(days=6),
        window_days=7,
    )
    return world, definition


def test_scripted_funnel_with_optional_step_and_branches(scripted):
    world, definition = scripted
    result = run_report(definition).result
    ids = [stage.pk for stage in world.stages]
    hour = 3600.0

    def stage(index, entered, converted, median):
        drop = None if converted is None else 1 - converted / entered
        return {
            "stage": ids[index],
            "entered": entered,
            "converted": converted,
            "drop_off_rate": drop,
            "median_seconds_to_convert": median,
        }

    assert result["stages"] == [
        stage(A, 75, 65, hour),  # 35 went on in 1 h (to B), 30 in 2 h (to C)
        stage(B, 35, 30, hour),
        stage(C1, 30, 20, hour),  # g1 and g4; g7 went through C2 first
        stage(C2, 30, 20, 0.5 * hour),  # g2 (15 in 0.5 h) and g7 (5 in 2 h)
        stage(D, 40, 40, hour),  # 25 in 1 h, 15 in 1.5 h
        stage(E, 40, None, None),
    ]

    def step(number, stages, optional, entered, converted, skipped):
        drop = None if converted is None else 1 - converted / entered
        return {
            "step": number,
            "stages": [ids[i] for i in stages],
            "optional": optional,
            "entered": entered,
            "converted": converted,
            "drop_off_rate": drop,
            "skipped": skipped,
        }

    assert result["steps"] == [
        step(1, [A], False, 75, 65, 0),
        step(2, [B], True, 35, 30, 30),  # g2, g4 and g7 went past B without it
        step(3, [C1, C2], False, 60, 40, 0),
        step(4, [D], False, 40, 40, 0),
        step(5, [E], False, 40, None, 0),
    ]
    touchpoints = world.touchpoints
    assert result["exit_touchpoints"] == [
        {"touchpoint": touchpoints[A][1].pk, "stage": ids[A], "customers": 10},
        {"touchpoint": touchpoints[C1][1].pk, "stage": ids[C1], "customers": 10},
        {"touchpoint": touchpoints[C2][0].pk, "stage": ids[C2], "customers": 10},
        {"touchpoint": touchpoints[B][0].pk, "stage": ids[B], "customers": 5},
    ]
    week = result["trend"][0]
    assert (week["entered"], week["completed"]) == (75, 40)
    assert week["stages"] == [75, 35, 30, 30, 40, 40]
    # the reference agrees with the hand-written figures
    expected = reference_report(spec(definition), reference_events())
    assert {key: result[key] for key in expected} == expected


def test_scripted_funnel_through_the_api(
    scripted, api, django_capture_on_commit_callbacks, django_assert_num_queries
):
    world, _definition = scripted
    ids = [stage.pk for stage in world.stages]
    with django_capture_on_commit_callbacks(execute=True):
        accepted = api.post(
            f"/api/v1/journeys/{world.journey.pk}/funnel-reports/",
            {"date_from": "2026-03-02", "date_to": "2026-03-08", "conversion_window_days": 7},
            format="json",
        )
    assert accepted.status_code == 202
    base = f"/api/v1/funnel-reports/{accepted.json()['id']}"
    with django_assert_num_queries(QUERIES_OF_DETAIL):
        report = api.get(f"{base}/").json()
    assert report["status"] == "done"
    assert [
        (s["step"], s["stages"], s["optional"], s["entered"], s["skipped"]) for s in report["steps"]
    ] == [
        (1, [ids[A]], False, 75, 0),
        (2, [ids[B]], True, 35, 30),
        (3, [ids[C1], ids[C2]], False, 60, 0),
        (4, [ids[D]], False, 40, 0),
        (5, [ids[E]], False, 40, 0),
    ]
    assert set(report["steps"][0]) == {
        "step",
        "stages",
        "optional",
        "entered",
        "converted",
        "drop_off_rate",
        "skipped",
    }
    by_channel = api.get(f"{base}/breakdown/?by=channel").json()
    [group] = by_channel["groups"]
    assert group["customers"] == 75
    assert [s["entered"] for s in group["stages"]] == [75, 35, 30, 30, 40, 40]

    def dropped(stage):
        response = api.get(f"{base}/dropped-customers/?stage={ids[stage]}")
        return response.status_code, response.json().get("count")

    assert dropped(A) == (200, 10)  # g5
    assert dropped(B) == (200, 5)  # g6
    assert dropped(C1) == (200, 10)  # g4
    assert dropped(C2) == (200, 10)  # g3
    assert dropped(D) == (200, 0)
    assert dropped(E)[0] == 400  # the last step


QUERIES_OF_DETAIL = 4  # as for a straight funnel: the report, stage and touchpoint names
