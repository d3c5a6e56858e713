"""The editor's page and partial answers run the same number of queries whatever the map's size
(and, for the drawer, whatever the number of actions and comments)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cjm.choices import LaneKind
from tests.cjm.editor_helpers import HX, editor_map, lane_of
from tests.factories import ActionFactory, CommentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def maps(workspace, editor):
    small = editor_map(workspace, editor, stages=2, touchpoints_per_stage=2, title="Small")
    big = editor_map(
        workspace, editor, stages=6, touchpoints_per_stage=5, custom_lanes=4, title="Big"
    )
    return small, big


def count(client, method, url, data=None, **kwargs) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(url, data or {}, **kwargs)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured.captured_queries)


def first_stage(journey):
    return journey.stages.get(position=0)


def first_touchpoint(journey):
    return first_stage(journey).touchpoints.get(position=0)


REQUESTS = {
    "page": lambda j: ("get", reverse("cjm:journey_detail", args=[j.pk]), None, {}),
    "grid partial": lambda j: ("get", reverse("cjm:journey_detail", args=[j.pk]), None, HX),
    "stage edit form": lambda j: (
        "get",
        reverse("cjm:stage_edit", args=[first_stage(j).pk]),
        None,
        HX,
    ),
    "stage move": lambda j: (
        "post",
        reverse("cjm:stage_move", args=[first_stage(j).pk]),
        {"direction": "right"},
        HX,
    ),
    "cell save": lambda j: (
        "post",
        reverse("cjm:cell_detail", args=[lane_of(j, LaneKind.GOALS).pk, first_stage(j).pk]),
        {"text": "New text", "version": 1},
        HX,
    ),
    "channels cell": lambda j: (
        "get",
        reverse("cjm:cell_detail", args=[lane_of(j, LaneKind.CHANNELS).pk, first_stage(j).pk]),
        None,
        HX,
    ),
    "emotion save": lambda j: (
        "post",
        reverse("cjm:cell_detail", args=[lane_of(j, LaneKind.EMOTIONS).pk, first_stage(j).pk]),
        {"emotion_score": 2, "version": 1},
        HX,
    ),
    "touchpoints cell": lambda j: (
        "get",
        reverse("touchpoints:stage_touchpoints", args=[first_stage(j).pk]),
        None,
        HX,
    ),
    "card rating": lambda j: (
        "post",
        reverse("touchpoints:touchpoint_rating", args=[first_touchpoint(j).pk]),
        {"rating": "awful", "version": 1},
        HX,
    ),
    "card move": lambda j: (
        "post",
        reverse("touchpoints:touchpoint_move", args=[first_touchpoint(j).pk]),
        {"direction": "right"},
        HX,
    ),
    "drawer": lambda j: (
        "get",
        reverse("touchpoints:touchpoint_detail", args=[first_touchpoint(j).pk]),
        None,
        HX,
    ),
}


@pytest.mark.parametrize("name", list(REQUESTS))
def test_query_count_does_not_grow_with_the_map(client, maps, editor, name):
    small, big = maps
    # More actions and comments on the big map's first touchpoint, too.
    touchpoint = first_touchpoint(big)
    ActionFactory.create_batch(4, touchpoint=touchpoint, assignee=editor)
    CommentFactory.create_batch(4, touchpoint=touchpoint, author=editor)
    client.force_login(editor)
    counts = []
    for journey in (small, big):
        method, url, data, headers = REQUESTS[name](journey)
        counts.append(count(client, method, url, data, headers=headers))
    assert counts[0] == counts[1], counts


def test_editor_page_stays_within_budget(client, maps, editor):
    """The benchmark's budget (15 queries) holds for the page, session and menus included."""
    client.force_login(editor)
    _small, big = maps
    assert count(client, "get", reverse("cjm:journey_detail", args=[big.pk])) <= 15
