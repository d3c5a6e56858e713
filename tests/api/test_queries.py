"""Query counts of every list and detail endpoint, at two data sizes: the count is constant.

A token request costs one query to authenticate. The numbers are exact: a new N+1 (or a saved
query) shows up here first.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import build_world, token_client

pytestmark = pytest.mark.django_db

# (url template, queries): the count for any data size.
READS = [
    ("/api/v1/workspaces/", 3),
    ("/api/v1/workspaces/{w.workspace.pk}/", 2),
    ("/api/v1/workspaces/{w.workspace.pk}/members/", 4),
    ("/api/v1/workspaces/{w.workspace.pk}/members/{w.editor.pk}/", 3),
    ("/api/v1/teams/", 4),
    ("/api/v1/teams/{w.team.pk}/", 3),
    ("/api/v1/segments/", 3),
    ("/api/v1/segments/{w.segment.pk}/", 2),
    ("/api/v1/personas/", 4),
    ("/api/v1/personas/{w.persona.pk}/", 3),
    ("/api/v1/channels/", 3),
    ("/api/v1/channels/{w.channel.pk}/", 2),
    ("/api/v1/journeys/", 4),
    ("/api/v1/journeys/{w.journey.pk}/", 7),
    ("/api/v1/stages/", 3),
    ("/api/v1/stages/{w.stage.pk}/", 2),
    ("/api/v1/lanes/", 3),
    ("/api/v1/lanes/{w.lane.pk}/", 2),
    ("/api/v1/cells/", 3),
    ("/api/v1/cells/{w.cell.pk}/", 2),
    ("/api/v1/touchpoints/", 3),
    ("/api/v1/touchpoints/{w.touchpoint.pk}/", 2),
    ("/api/v1/touchpoints/?ordering=rating&journey={w.journey.pk}&is_critical=false", 4),
    ("/api/v1/actions/", 3),
    ("/api/v1/actions/{w.action.pk}/", 2),
    ("/api/v1/comments/", 3),
    ("/api/v1/comments/{w.comment.pk}/", 2),
    ("/api/v1/rating-changes/", 3),
    ("/api/v1/rating-changes/{w.rating_change.pk}/", 2),
]


@pytest.fixture
def sized_worlds(workspace, editor, ws_admin, viewer):
    """A small world, measured; then the same workspace grown four times larger."""

    def grow(size: int, prefix: str):
        world = build_world(workspace, editor=editor, size=size, prefix=prefix)
        world.editor = editor
        return world

    return grow


@pytest.mark.parametrize(("template", "expected"), READS, ids=[r[0] for r in READS])
def test_query_count_does_not_grow_with_the_data(
    template, expected, sized_worlds, editor, django_assert_num_queries
):
    client = token_client(editor)
    small = sized_worlds(1, "Small ")
    url = template.format(w=small)
    with django_assert_num_queries(expected):
        response = client.get(url, {"page_size": 500} if "?" not in url else None)
    assert response.status_code == 200

    large = sized_worlds(4, "Large ")  # 8 stages x 8 touchpoints, 8 actions, 8 comments, ...
    url = template.format(w=large)
    with django_assert_num_queries(expected):
        response = client.get(url, {"page_size": 500} if "?" not in url else None)
    assert response.status_code == 200


def test_the_whole_map_grows_but_its_query_count_does_not(editor, workspace):
    client = token_client(editor)
    small = build_world(workspace, editor=editor, size=1, prefix="S ")
    large = build_world(workspace, editor=editor, size=6, prefix="L ")  # 12 stages x 12
    counts = []
    for world in (small, large):
        with CaptureQueriesContext(connection) as context:
            response = client.get(f"/api/v1/journeys/{world.journey.pk}/")
        assert response.status_code == 200
        counts.append(len(context.captured_queries))
    assert sum(len(s["touchpoints"]) for s in response.json()["stages"]) == 144
    assert counts[0] == counts[1] <= 10
