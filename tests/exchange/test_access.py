"""Who may export and import, and how many queries an export takes."""

import pytest
from rest_framework.test import APIClient

from tests.exchange.conftest import (
    build_map,
    export_json,
    import_json,
    token_client,
    world_counts,
)


def test_viewer_exports_but_cannot_import(map_journey, viewer, workspace, editor):
    document = export_json(token_client(viewer), map_journey.pk)
    before = world_counts(workspace)
    assert import_json(token_client(viewer), workspace.pk, document).status_code == 403
    assert world_counts(workspace) == before


def test_other_workspace_is_404(map_journey, outsider, workspace):
    client = token_client(outsider)
    for fmt in ("json", "csv", "xlsx"):
        response = client.get(f"/api/v1/journeys/{map_journey.pk}/export/?format={fmt}")
        assert response.status_code == 404
    assert import_json(client, workspace.pk, {"format": "cjm.journey"}).status_code == 404


def test_anonymous_is_401(map_journey, workspace):
    assert APIClient().get(f"/api/v1/journeys/{map_journey.pk}/export/").status_code == 401
    response = import_json(APIClient(), workspace.pk, {})
    assert response.status_code == 401


def test_unknown_format_is_400(map_journey, viewer):
    response = token_client(viewer).get(f"/api/v1/journeys/{map_journey.pk}/export/?format=pdf")
    assert response.status_code == 400
    assert "format" in response.json()


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx"])
def test_export_queries_do_not_grow_with_the_map(fmt, workspace, editor, django_assert_num_queries):
    small = build_map(workspace, editor, stages=2, per_stage=1)
    client = token_client(editor)
    client.get(f"/api/v1/journeys/{small.pk}/export/?format={fmt}")  # token and role cached
    # token, journey, its export query plus 7 prefetches (personas, their channels, stages,
    # touchpoints, actions, lanes, cells)
    with django_assert_num_queries(10):
        assert client.get(f"/api/v1/journeys/{small.pk}/export/?format={fmt}").status_code == 200
    small.delete()
    workspace.channels.all().delete()
    workspace.teams.all().delete()
    workspace.personas.all().delete()
    workspace.segments.all().delete()
    large = build_map(workspace, editor, stages=12, per_stage=6)
    with django_assert_num_queries(10):
        assert client.get(f"/api/v1/journeys/{large.pk}/export/?format={fmt}").status_code == 200
