"""Optimistic concurrency: ETag on detail GETs, If-Match on writes, 412 with the current object."""

import threading

import pytest
from django.db import connection

from tests.api.conftest import token_client
from touchpoints.models import Touchpoint

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "attr"),
    [
        ("/api/v1/journeys/{}/", "journey"),
        ("/api/v1/stages/{}/", "stage"),
        ("/api/v1/lanes/{}/", "lane"),
        ("/api/v1/touchpoints/{}/", "touchpoint"),
        ("/api/v1/personas/{}/", "persona"),
        ("/api/v1/actions/{}/", "action"),
    ],
)
def test_detail_gets_carry_the_version_as_etag_and_if_match_guards_writes(url, attr, world, editor):
    client = token_client(editor)
    url = url.format(getattr(world, attr).pk)
    response = client.get(url)
    etag = response["ETag"]
    version = response.json()["version"]
    if attr == "journey":  # the map's tag: "<version>.<revision>.<day>" (test_map_etag.py)
        assert etag.startswith(f'"{version}.') and etag.count(".") == 2
    else:
        assert etag == f'"{version}"'

    field = "title" if attr in ("journey", "action") else "name"
    first = client.patch(url, {field: "First"}, HTTP_IF_MATCH=etag)
    assert first.status_code == 200, first.content
    assert first["ETag"] == f'"{first.json()["version"]}"' != etag

    stale = client.patch(url, {field: "Second"}, HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    assert stale.json()["current"][field] == "First"
    assert stale["ETag"] == first["ETag"]

    stale_delete = client.delete(url, HTTP_IF_MATCH=etag)
    assert stale_delete.status_code == 412
    assert client.get(url).json()[field] == "First"

    fresh_delete = client.delete(url, HTTP_IF_MATCH=first["ETag"])
    assert fresh_delete.status_code == 204
    assert client.get(url).status_code == 404


def test_two_clients_patch_one_touchpoint_with_the_same_etag(world, editor, second_editor):
    """One wins, the other gets 412 with the winner's version; nothing is lost silently."""
    alice, bob = token_client(editor), token_client(second_editor)
    url = f"/api/v1/touchpoints/{world.touchpoint.pk}/"
    etag = alice.get(url)["ETag"]
    assert bob.get(url)["ETag"] == etag

    won = alice.patch(url, {"rating": "awful", "rating_note": "queue"}, HTTP_IF_MATCH=etag)
    lost = bob.patch(url, {"importance": 9}, HTTP_IF_MATCH=etag)

    assert won.status_code == 200
    assert lost.status_code == 412
    current = lost.json()["current"]
    assert current["rating"] == "awful" and current["importance"] == 5
    touchpoint = Touchpoint.objects.get(pk=world.touchpoint.pk)
    assert (touchpoint.rating, touchpoint.importance, touchpoint.version) == ("awful", 5, 2)
    # Bob retries on the version he was shown: both changes are kept.
    retried = bob.patch(url, {"importance": 9}, HTTP_IF_MATCH=lost["ETag"])
    assert retried.status_code == 200
    assert (retried.json()["rating"], retried.json()["importance"]) == ("awful", 9)
    assert touchpoint.rating_changes.filter(to_rating="awful").count() == 1


@pytest.mark.parametrize("header", ['W/"1"', "1", '"1", "7"', "*"])
def test_if_match_forms(world, editor, header):
    client = token_client(editor)
    response = client.patch(
        f"/api/v1/touchpoints/{world.touchpoint.pk}/", {"name": "Renamed"}, HTTP_IF_MATCH=header
    )
    assert response.status_code == 200


@pytest.mark.parametrize("header", ['"2"', "garbage", '"99999999999999999999"', '""'])
def test_an_if_match_that_cannot_match_is_412(world, editor, header):
    client = token_client(editor)
    response = client.patch(
        f"/api/v1/touchpoints/{world.touchpoint.pk}/", {"name": "Renamed"}, HTTP_IF_MATCH=header
    )
    assert response.status_code == 412
    assert Touchpoint.objects.get(pk=world.touchpoint.pk).name != "Renamed"


def test_lane_cells_use_if_match_too(world, editor):
    client = token_client(editor)
    url = f"/api/v1/lanes/{world.emotions_lane.pk}/cells/{world.stage.pk}/"
    first = client.put(url, {"emotion_score": -3}, HTTP_IF_MATCH=f'"{world.cell.version}"')
    assert first.status_code == 200 and first.json()["emotion_score"] == -3
    stale = client.put(url, {"text": "lost"}, HTTP_IF_MATCH=f'"{world.cell.version}"')
    assert stale.status_code == 412
    assert stale.json()["current"]["emotion_score"] == -3
    # A cell nobody wrote yet: If-Match "0" creates it; a second "0" is stale.
    new_url = f"/api/v1/lanes/{world.custom_lane.pk}/cells/{world.stage.pk}/"
    assert client.put(new_url, {"text": "a"}, HTTP_IF_MATCH='"0"').status_code == 200
    assert client.put(new_url, {"text": "b"}, HTTP_IF_MATCH='"0"').status_code == 412


@pytest.mark.django_db(transaction=True)
def test_concurrent_patches_on_postgresql_serialise_on_the_row_lock(
    workspace, editor, second_editor
):
    """Two threads, two connections, the same ETag at the same moment: exactly one 200."""
    if connection.vendor != "postgresql":
        pytest.skip("needs row locks across connections (PostgreSQL)")
    from tests.api.conftest import build_world

    world = build_world(workspace, editor=editor)
    url = f"/api/v1/touchpoints/{world.touchpoint.pk}/"
    etag = f'"{world.touchpoint.version}"'
    start = threading.Barrier(2)
    statuses = []

    def patch(user, importance):
        client = token_client(user)
        start.wait()
        statuses.append(
            client.patch(url, {"importance": importance}, HTTP_IF_MATCH=etag).status_code
        )
        connection.close()

    threads = [
        threading.Thread(target=patch, args=(editor, 2)),
        threading.Thread(target=patch, args=(second_editor, 9)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200, 412]
    assert Touchpoint.objects.get(pk=world.touchpoint.pk).version == 2
