"""Benchmark of the map editor (on demand: `make bench`, or the command in BENCHMARKS.md).

A map of 12 stages x 120 touchpoints x 8 visible lanes (every cell written, an action on every
touchpoint): the editor page must answer in <= 150 ms of server time with <= 15 queries, and an
inline cell save in <= 50 ms. Server time is measured around Django's test client (request
handling, middleware, views, templates, database) over repeated runs after a warm-up, with
templates rendered as in production; best, median, p90 and CPU time are printed (-s).

The page is measured three ways in one run, interleaved: as it was drawn before the page cache
(every visit reads and renders the whole map; ``bench_editor_urls.py`` mounts that view for
the benchmark only), the first visit after a change (cache entry removed), and a repeat visit of
an unchanged map (drawn from the cache, cjm/views/map_page.py).
"""

import os
import statistics
import time

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cjm.choices import LaneKind
from cjm.models import Lane, LaneCell, Stage
from cjm.views.map_page import CACHE_KEY
from tests.factories import ChannelFactory, JourneyFactory, TeamFactory
from touchpoints.choices import Rating
from touchpoints.models import ImprovementAction, Touchpoint

pytestmark = [
    pytest.mark.benchmark,
    pytest.mark.django_db,
    pytest.mark.urls("tests.benchmarks.bench_editor_urls"),
]

STAGES, TOUCHPOINTS, RUNS = 12, 120, 25
LANES = [
    LaneKind.GOALS,
    LaneKind.ACTIONS,
    LaneKind.TOUCHPOINTS,
    LaneKind.CHANNELS,
    LaneKind.THOUGHTS,
    LaneKind.EMOTIONS,
    LaneKind.PAINS,
    LaneKind.METRICS,
]
RATINGS = [Rating.EXCELLENT, Rating.SO_SO, Rating.AWFUL, Rating.UNRATED]


def big_map(workspace, owner):
    journey = JourneyFactory(workspace=workspace, title="Benchmark map")
    channels = [ChannelFactory(workspace=workspace) for _ in range(6)]
    team = TeamFactory(workspace=workspace)
    lanes = Lane.objects.bulk_create(
        Lane(journey=journey, kind=kind, name=str(kind.label), position=i)
        for i, kind in enumerate(LANES)
    )
    stages = Stage.objects.bulk_create(
        Stage(journey=journey, name=f"Stage {i}", position=i, step=i) for i in range(STAGES)
    )
    LaneCell.objects.bulk_create(
        LaneCell(
            lane=lane,
            stage=stage,
            text=f"{lane.name} at {stage.name}: what the customer does, thinks and feels here.",
            emotion_score=(stage.position % 7) - 3 if lane.kind == LaneKind.EMOTIONS else None,
        )
        for lane in lanes
        if lane.kind not in (LaneKind.TOUCHPOINTS, LaneKind.METRICS)
        for stage in stages
    )
    per_stage = TOUCHPOINTS // STAGES
    touchpoints = Touchpoint.objects.bulk_create(
        Touchpoint(
            stage=stage,
            name=f"Touchpoint {stage.position}.{i}",
            position=i,
            rating=RATINGS[i % 4],
            channel=channels[i % 6],
            owner=owner if i % 2 else None,
            team=team,
            is_critical=i == 0,
        )
        for stage in stages
        for i in range(per_stage)
    )
    ImprovementAction.objects.bulk_create(
        ImprovementAction(touchpoint=tp, title="Improve", assignee=owner) for tp in touchpoints
    )
    return journey


def timed(call) -> tuple[float, float, int]:
    """Wall time and this process's CPU time (ms) of one request, and its number of queries."""
    with CaptureQueriesContext(connection) as captured:
        start, cpu_start = time.perf_counter(), time.process_time()
        response = call()
        wall = (time.perf_counter() - start) * 1000
        cpu = (time.process_time() - cpu_start) * 1000
    assert response.status_code == 200, response.status_code
    return wall, cpu, len(captured.captured_queries)


def report(name: str, samples: list[tuple[float, float, int]]) -> dict:
    wall = sorted(sample[0] for sample in samples)
    cpu = sorted(sample[1] for sample in samples)
    figures = {
        "best": wall[0],
        "median": statistics.median(wall),
        "p90": wall[int(len(wall) * 0.9) - 1],
        "cpu": statistics.median(cpu),
        "queries": samples[-1][2],
    }
    load = os.getloadavg()[0]
    print(
        f"\n{name} ({connection.vendor}, load {load:.1f}): best {figures['best']:.1f} ms, "
        f"median {figures['median']:.1f} ms, p90 {figures['p90']:.1f} ms, "
        f"median CPU {figures['cpu']:.1f} ms, {figures['queries']} queries"
    )
    return figures


@pytest.fixture
def production_rendering(monkeypatch):
    """Templates render as in production: without the test runner's per-template signal."""
    from django.template import Template
    from django.test.utils import _TestState

    saved = getattr(getattr(_TestState, "saved_data", None), "template_render", None)
    if saved is not None:
        monkeypatch.setattr(Template, "_render", saved)


def test_editor_page_and_cell_save(client, workspace, editor, production_rendering):
    journey = big_map(workspace, editor)
    assert Touchpoint.objects.filter(stage__journey=journey).count() == TOUCHPOINTS
    client.force_login(editor)
    url = reverse("cjm:journey_detail", args=[journey.pk])
    old_url = reverse("bench-old-map", args=[journey.pk])

    def forget_page():
        for language, _name in settings.LANGUAGES:
            for rights in ("edit", "read"):
                cache.delete(CACHE_KEY.format(pk=journey.pk, language=language, rights=rights))

    variants = {  # name: (done before each request, untimed; the request)
        "editor page, old (drawn on every visit)": (None, lambda: client.get(old_url)),
        "editor page, first visit after a change": (forget_page, lambda: client.get(url)),
        "editor page, repeat visit (cached)": (None, lambda: client.get(url)),
    }
    samples = {name: [] for name in variants}
    for _prepare, call in variants.values():
        timed(call)  # warm-up: templates compiled, caches filled
    for _ in range(RUNS):
        for name, (prepare, call) in variants.items():
            if prepare:
                prepare()
            samples[name].append(timed(call))
    figures = {name: report(name, runs) for name, runs in samples.items()}
    page_figures = figures["editor page, first visit after a change"]
    old, repeat = (
        figures["editor page, old (drawn on every visit)"],
        figures["editor page, repeat visit (cached)"],
    )
    print(
        f"\nold / first visit: {old['median'] / page_figures['median']:.1f}x, "
        f"old / repeat visit: {old['median'] / repeat['median']:.1f}x (medians)"
    )

    goals = journey.lanes.get(kind=LaneKind.GOALS)
    stage = journey.stages.get(position=5)
    cell_url = reverse("cjm:cell_detail", args=[goals.pk, stage.pk])
    headers = {"HX-Request": "true"}
    saves = []
    for n in range(RUNS + 1):
        version = LaneCell.objects.get(lane=goals, stage=stage).version
        data = {"text": f"Edited {n} times", "version": version}
        saves.append(timed(lambda data=data: client.post(cell_url, data, headers=headers)))
    save_figures = report("inline cell save", saves[1:])

    # Budgets. The best run stands for the uncontended cost (this machine is shared with other
    # test runs); the median is reported next to it in BENCHMARKS.md.
    assert page_figures["queries"] <= 15
    assert page_figures["best"] <= 150
    assert repeat["queries"] < old["queries"] and repeat["median"] < old["median"] / 2
    assert save_figures["best"] <= 50
