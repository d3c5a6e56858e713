"""Benchmark: a funnel report with steps against the straight one, in the same run (on demand).

Uses the data of bench_funnel.py (tests/benchmarks/_funnel_data.py: 8 stages; 10M events and
1M customers by default), in a database of its own (``cjm_bench_steps``, or
$BENCH_FUNNEL_DATABASE) kept as a template like bench_funnel.py does. The same full report
(in process, on CJM_FUNNEL_PARALLELISM connections) is timed alternately on the straight map
and on the map with steps: stage 3 an optional step of its own, stages 5 and 6 one step with
two branches. Target: steps <= 1.2 x straight. Prints a markdown table for BENCHMARKS.md.

    .venv/bin/python tests/benchmarks/bench_funnel_steps.py [--events N --customers N --rounds R]
"""

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
os.environ.setdefault("BENCH_FUNNEL_DATABASE", "cjm_bench_steps")
sys.path.insert(0, str(ROOT))

from tests.benchmarks import bench_funnel as base  # noqa: E402  (sets DATABASE_URL first)

OPTIONAL_POSITION = 2  # stage 3
BRANCH_POSITIONS = (4, 5)  # stages 5 and 6


def set_layout(journey, *, steps: bool) -> None:
    """Straight: every stage its own required step. Steps: the layout in the docstring.
    (Written directly: a benchmark fixture, not a user's edit.)"""
    from cjm.models import Stage

    for stage in journey.stages.order_by("position"):
        step = stage.position + 1
        if steps and stage.position == BRANCH_POSITIONS[1]:
            step = BRANCH_POSITIONS[0] + 1
        optional = steps and stage.position == OPTIONAL_POSITION
        Stage.objects.filter(pk=stage.pk).update(step=step, is_optional=optional)


def timed_full_report(journey) -> tuple[float, dict]:
    from cjm.funnels import runner
    from cjm.funnels.models import FunnelDefinition, FunnelReport

    definition, _ = FunnelDefinition.objects.get_or_create(
        journey=journey,
        date_from=datetime.date(2025, 1, 1),
        date_to=datetime.date(2025, 12, 31),
        conversion_window_days=30,
        channel=None,
    )
    report = FunnelReport.objects.create(definition=definition, journey=journey)
    started = time.perf_counter()
    outcome = runner.run(report, force_full=True)
    elapsed = time.perf_counter() - started
    runner.prune(definition.pk)
    return elapsed, outcome.result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--regenerate", action="store_true")
    args = parser.parse_args()
    generate = base.prepare_database(args)
    import django

    django.setup()
    user, journey = base.ensure_data(args)
    if generate:
        base.save_template(args)
        from django.db import connections

        connections.close_all()
    times: dict[bool, list[float]] = {False: [], True: []}
    results = {}
    for _round in range(args.rounds):
        for steps in (False, True):
            set_layout(journey, steps=steps)
            elapsed, result = timed_full_report(journey)
            times[steps].append(elapsed)
            results[steps] = result
            print(f"{'steps' if steps else 'straight'}: {elapsed:.2f} s", flush=True)
    straight, with_steps = (statistics.median(times[key]) for key in (False, True))
    entered = results[False]["stages"][0]["entered"]
    skipped = results[True]["steps"][OPTIONAL_POSITION]["skipped"]
    print()
    print("| measure | figure |")
    print("| --- | --- |")
    print(f"| events, customers in the funnel | {args.events:,}, {entered:,} |")
    print(f"| straight report, 8 stages (median of {args.rounds}) | {straight:.2f} s |")
    print(
        f"| report with steps: 1 optional, 1 two-way branch (median of {args.rounds}) "
        f"| {with_steps:.2f} s |"
    )
    print(f"| ratio (target <= 1.2) | {with_steps / straight:.2f} |")
    print(f"| customers who skipped the optional step | {skipped:,} |")
    print(f"| all runs, straight / steps | {times[False]} / {times[True]} |")
    print(f"| machine | {base.machine()} |")
    base._admin(f"DROP DATABASE IF EXISTS {base.BENCH_DB} WITH (FORCE)")


if __name__ == "__main__":
    main()
