"""``GET journeys/{id}/``: an ETag that changes with anything the map shows, 304 to a current
``If-None-Match``, a cached body that is never stale, and ``If-Match`` on journey writes with the
bare version and with the map's tag."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cjm import services
from cjm.core import changes
from tests.api.conftest import build_world, token_client
from tests.api.map_changes import CASES
from tests.api.test_map_representation import serializer_json
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(workspace, ws_admin, editor, viewer):
    world = build_world(workspace, editor=editor)
    world.admin, world.editor, world.viewer = ws_admin, editor, viewer
    world.colleague = UserFactory(username="cora_colleague")
    MembershipFactory(workspace=workspace, user=world.colleague, role="editor")
    world.url = f"/api/v1/journeys/{world.journey.pk}/"
    return world


def test_a_current_tag_answers_304_without_a_body_in_two_queries(w):
    client = token_client(w.viewer)
    first = client.get(w.url)
    assert first.status_code == 200
    etag = first["ETag"]
    assert etag == f'"{w.journey.version}.{revision(w)}.{datetime.date.today():%Y%m%d}"'
    for header in (etag, f"W/{etag}", f'"nope", {etag}', "*"):
        with CaptureQueriesContext(connection) as queries:
            again = client.get(w.url, HTTP_IF_NONE_MATCH=header)
        assert again.status_code == 304, header
        assert again.content == b"" and again["ETag"] == etag
        assert len(queries) == 2  # the token, and the journey with its revision and membership
    assert client.get(w.url, HTTP_IF_NONE_MATCH='"1.0.19990101"').status_code == 200


def test_a_repeat_get_is_served_from_the_cache_in_two_queries(w, django_assert_num_queries):
    client = token_client(w.editor)
    first = client.get(w.url)
    with django_assert_num_queries(2):
        repeat = client.get(w.url)
    assert repeat.status_code == 200
    assert repeat.content == first.content == serializer_json(w.editor, w.journey.pk)
    assert repeat["Content-Type"] == "application/json"
    assert repeat["Cache-Control"] == "private, no-cache"


def revision(w) -> int:
    from cjm.models import JourneyRevision

    row = JourneyRevision.objects.filter(journey=w.journey).first()
    return row.revision if row else 0


@pytest.mark.parametrize("case", CASES, ids=[case.__name__ for case in CASES])
def test_every_change_to_what_the_map_shows_changes_its_etag(case, w):
    write = case(w)
    client = token_client(w.editor)
    before = client.get(w.url)
    assert client.get(w.url, HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 304
    with changes.capture() as recorded:
        write()
    assert any(c.journey_ids is None or w.journey.pk in c.journey_ids for c in recorded)
    after = client.get(w.url, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    # The body served is the map as it is now, not a cached one.
    assert after.content == serializer_json(w.editor, w.journey.pk)
    assert client.get(w.url, HTTP_IF_NONE_MATCH=after["ETag"]).status_code == 304


def test_changes_elsewhere_leave_the_tag_alone(w, workspace):
    client = token_client(w.editor)
    etag = client.get(w.url)["ETag"]
    other = services.journey_create(actor=w.admin, workspace=workspace, title="Other map")
    services.stage_create(actor=w.admin, journey=other, name="Elsewhere")
    from touchpoints import services as tp

    unused = tp.channel_create(actor=w.admin, workspace=workspace, name="Fax", kind="offline")
    tp.channel_update(actor=w.admin, channel=unused, name="Telefax")
    assert client.get(w.url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_the_tag_turns_at_midnight_with_the_overdue_flags(w, monkeypatch):
    from touchpoints import services as tp

    tp.action_create(
        actor=w.admin, touchpoint=w.touchpoint, title="Due today", due_date=datetime.date.today()
    )
    client = token_client(w.editor)
    today = client.get(w.url)
    assert not today.json()["stages"][0]["touchpoints"][0]["has_overdue_action"]
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: tomorrow)
    later = client.get(w.url, HTTP_IF_NONE_MATCH=today["ETag"])
    assert later.status_code == 200 and later["ETag"] != today["ETag"]
    assert later.json()["stages"][0]["touchpoints"][0]["has_overdue_action"]


def test_a_change_through_the_api_changes_the_tag_and_is_recorded_as_api(w):
    client = token_client(w.editor)
    etag = client.get(w.url)["ETag"]
    with changes.capture() as recorded:
        response = client.patch(f"/api/v1/touchpoints/{w.touchpoint.pk}/", {"rating": "awful"})
    assert response.status_code == 200
    assert [(c.object_type, c.verb, c.source, c.actor) for c in recorded] == [
        ("touchpoint", "updated", "api", w.editor)
    ]
    assert recorded[0].fields["rating"] == {"old": "so_so", "new": "awful"}
    assert client.get(w.url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_change_in_the_editor_changes_the_tag_and_is_recorded_as_ui(w, client):
    etag = token_client(w.editor).get(w.url)["ETag"]
    client.force_login(w.editor)
    with changes.capture() as recorded:
        response = client.post(
            f"/lanes/{w.custom_lane.pk}/cells/{w.stage.pk}/",
            {"text": "Typed in the editor", "version": 0},
            headers={"HX-Request": "true"},
        )
    assert response.status_code == 200
    assert [(c.object_type, c.verb, c.source) for c in recorded] == [("cell", "created", "ui")]
    assert token_client(w.editor).get(w.url, HTTP_IF_NONE_MATCH=etag).status_code == 200


# --- If-Match on writes of the journey -----------------------------------------------------------


@pytest.mark.parametrize("form", ["bare", "map tag", "weak map tag"])
def test_if_match_on_journey_writes_takes_the_bare_version_and_the_map_tag(w, form):
    client = token_client(w.editor)
    etag = client.get(w.url)["ETag"]
    version = etag.strip('"').split(".")[0]
    header = {"bare": f'"{version}"', "map tag": etag, "weak map tag": f"W/{etag}"}[form]
    ok = client.patch(w.url, {"title": "First"}, HTTP_IF_MATCH=header)
    assert ok.status_code == 200, ok.content
    stale = client.patch(w.url, {"title": "Second"}, HTTP_IF_MATCH=header)
    assert stale.status_code == 412
    assert stale.json()["current"]["title"] == "First"
    assert client.delete(w.url, HTTP_IF_MATCH=header).status_code == 412
    fresh = client.get(w.url)["ETag"]
    assert fresh != etag and client.delete(w.url, HTTP_IF_MATCH=fresh).status_code == 204


@pytest.mark.parametrize("header", ['"1.x"', '"1..2"', "garbage", '"99999999999.1.1"'])
def test_a_journey_if_match_that_cannot_match_is_412(w, header):
    response = token_client(w.editor).patch(w.url, {"title": "No"}, HTTP_IF_MATCH=header)
    assert response.status_code == 412


def test_other_resources_keep_the_bare_version_only(w):
    url = f"/api/v1/touchpoints/{w.touchpoint.pk}/"
    response = token_client(w.editor).patch(url, {"name": "No"}, HTTP_IF_MATCH='"1.5.20260101"')
    assert response.status_code == 412


def test_outsiders_get_404_and_no_tag(w, outsider):
    response = token_client(outsider).get(w.url)
    assert response.status_code == 404
    assert "ETag" not in response
