"""A map without branches or optional steps gives exactly the reports it gave before steps
existed: the ``stages``, ``exit_touchpoints`` and ``trend`` of a fixed data set are compared,
as JSON text, with the output the code before steps produced (stored in
``fixtures/linear_report.json``; ids replaced by indexes so the file does not depend on the
database). Both the full and the incremental run are compared.

Regenerate (only when the definition itself changes on purpose) with
``FUNNEL_WRITE_LINEAR_FIXTURE=1``.
"""

import datetime
import json
import os
import random
from pathlib import Path

import pytest

from tests.funnels.helpers import (
    BASE,
    build_funnel_world,
    definition_for,
    record,
    run_report,
    store,
)

pytestmark = pytest.mark.django_db

FIXTURE = Path(__file__).parent / "fixtures" / "linear_report.json"


def linear_records(world, rng: random.Random, customers: int, prefix: str):
    records = []
    for number in range(customers):
        name = f"{prefix}{number:04d}"
        at = BASE + datetime.timedelta(hours=rng.randrange(0, 24 * 20), seconds=rng.randrange(3600))
        for stage in range(len(world.stages)):
            for repeat in range(rng.choice([1, 1, 2])):
                when = at + datetime.timedelta(minutes=rng.randrange(-30, 3000))
                records.append(
                    record(
                        world,
                        event_id=f"{name}-{stage}-{repeat}",
                        customer=name,
                        stage=stage,
                        at=when,
                        touchpoint=rng.choice([None, 0, 1]),
                        channel=rng.choice([None, 0, 1]),
                        segment=rng.choice([None, 0, 1]),
                    )
                )
            if rng.random() < 0.3:
                break
            at += datetime.timedelta(hours=rng.randrange(0, 40))
    return records


def normalised(world, result: dict) -> str:
    stage_index = {stage.pk: i for i, stage in enumerate(world.stages)}
    touchpoint_index = {
        tp.pk: [i, j] for i, row in enumerate(world.touchpoints) for j, tp in enumerate(row)
    }
    stages = [{**row, "stage": stage_index[row["stage"]]} for row in result["stages"]]
    exits = [
        {
            **row,
            "stage": stage_index[row["stage"]],
            "touchpoint": touchpoint_index[row["touchpoint"]],
        }
        for row in result["exit_touchpoints"]
    ]
    return json.dumps(
        {"stages": stages, "exit_touchpoints": exits, "trend": result["trend"]}, indent=1
    )


def test_linear_map_reports_are_byte_identical_to_before_steps(workspace):
    world = build_funnel_world(workspace, stages=4)
    rng = random.Random(20261203)
    store(world, linear_records(world, rng, 300, "a"))
    definition = definition_for(
        world,
        date_from=BASE.date(),
        date_to=BASE.date() + datetime.timedelta(days=27),
        window_days=7,
    )
    full = run_report(definition).result
    store(world, linear_records(world, rng, 120, "b"))
    incremental = run_report(definition)
    assert incremental.mode == "incremental"
    produced = {
        "full": normalised(world, full),
        "incremental": normalised(world, incremental.result),
    }
    if os.environ.get("FUNNEL_WRITE_LINEAR_FIXTURE") == "1":
        FIXTURE.write_text(json.dumps(produced, indent=1) + "\n")
    expected = json.loads(FIXTURE.read_text())
    assert produced["full"] == expected["full"]
    assert produced["incremental"] == expected["incremental"]
    if "steps" in full:  # the steps of a linear map are its stages, nobody skips
        assert [step["stages"] for step in full["steps"]] == [[s.pk] for s in world.stages]
        assert all(step["skipped"] == 0 and not step["optional"] for step in full["steps"])
