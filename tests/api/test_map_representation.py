"""The fast map (``.values()`` queries, cjm/selectors/journey_map.py) answers exactly what the
nested serializers (``JourneyMapSerializer`` over ``journey_map_get``) answered before."""

import datetime
import json

import pytest
from django.test import override_settings
from django.utils import translation
from rest_framework.renderers import JSONRenderer

from cjm import services as cjm_services
from cjm.api.serializers.journeys import JourneyMapSerializer
from cjm.choices import LaneKind
from cjm.selectors import journey_map_get
from personas import services as persona_services
from tests.api.conftest import build_world, token_client
from tests.factories import MembershipFactory, UserFactory
from touchpoints import services as touchpoint_services

pytestmark = pytest.mark.django_db


def serializer_json(user, journey_id: int) -> bytes:
    """The map as the serializers render it (the path the API took before the cache)."""
    journey = journey_map_get(user=user, pk=journey_id)
    return JSONRenderer().render(JourneyMapSerializer(journey).data)


@pytest.fixture
def rich_map(workspace, editor, ws_admin):
    """Every kind of value the map can carry: owners with and without a full name, no owner,
    no channel, no team, open / overdue / done actions, hidden and custom lanes, empty and
    emotion cells, two personas (one without a segment), stage tags, non-ASCII text."""
    world = build_world(workspace, editor=editor, size=2)
    nameless = UserFactory(username="no_name", first_name="", last_name="")
    MembershipFactory(workspace=workspace, user=nameless, role="editor")
    only_first = UserFactory(username="olga", first_name="Ольга", last_name="")
    MembershipFactory(workspace=workspace, user=only_first, role="editor")
    second = persona_services.persona_create(actor=None, workspace=workspace, name="Борис")
    cjm_services.journey_update(
        actor=None,
        journey=world.journey,
        personas=[world.persona, second],
        description="Карта «доставка» — \u2028 line separator",
        status="active",
    )
    cjm_services.stage_update(
        actor=None, stage=world.stage, moment_of_truth="zmot", purchase_phase="before"
    )
    bare = touchpoint_services.touchpoint_create(
        actor=None, stage=world.other_stage, name="Звонок", rating="awful", is_critical=True
    )
    for owner, touchpoint in zip(
        [nameless, only_first, None], [bare, *world.touchpoints[1:3]], strict=True
    ):
        touchpoint_services.touchpoint_update(actor=None, touchpoint=touchpoint, owner=owner)
    today = datetime.date.today()
    touchpoint_services.action_create(
        actor=None, touchpoint=bare, title="Late", due_date=today - datetime.timedelta(days=2)
    )
    touchpoint_services.action_create(
        actor=None, touchpoint=bare, title="Done", status="done", due_date=today
    )
    hidden = next(lane for lane in world.lanes if lane.kind == LaneKind.PAINS)
    cjm_services.lane_update(actor=None, lane=hidden, is_hidden=True)
    cjm_services.lane_cell_set(actor=None, lane=world.custom_lane, stage=world.stage, text="")
    cjm_services.lane_cell_set(actor=None, lane=hidden, stage=world.other_stage, text="Боль")
    return world


def test_the_fast_map_equals_the_serializers_field_by_field(rich_map, editor):
    journey_id = rich_map.journey.pk
    old = serializer_json(editor, journey_id)
    response = token_client(editor).get(f"/api/v1/journeys/{journey_id}/")
    assert response.status_code == 200
    new_data, old_data = json.loads(response.content), json.loads(old)
    assert new_data.keys() == old_data.keys()
    assert new_data["persona_details"] and new_data["segment_detail"]
    for key in old_data:
        if key in ("stages", "lanes"):
            continue
        assert new_data[key] == old_data[key], key
    for name in ("stages", "lanes"):
        assert len(new_data[name]) == len(old_data[name])
        for new_item, old_item in zip(new_data[name], old_data[name], strict=True):
            assert new_item.keys() == old_item.keys()
            for key in old_item:
                assert new_item[key] == old_item[key], (name, key)
    cards = [tp for stage in new_data["stages"] for tp in stage["touchpoints"]]
    assert {tp["owner_name"] for tp in cards} >= {"no_name", "Ольга", ""}
    assert any(tp["has_overdue_action"] for tp in cards)
    # Same keys in the same order, same escaping: the very same bytes.
    assert response.content == old


def test_the_map_is_the_same_in_every_language_and_time_zone_it_names(rich_map, editor):
    """Nothing in the map is translated, so the ETag and the cache need no language."""
    client = token_client(editor)
    url = f"/api/v1/journeys/{rich_map.journey.pk}/"
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    russian = client.get(url, HTTP_ACCEPT_LANGUAGE="ru")
    assert english["ETag"] == russian["ETag"]
    assert english.content == russian.content
    with translation.override("ru"):
        assert serializer_json(editor, rich_map.journey.pk) == english.content


@override_settings(TIME_ZONE="Europe/Moscow")
def test_times_are_written_in_the_current_time_zone_like_the_serializers(rich_map, editor):
    response = token_client(editor).get(f"/api/v1/journeys/{rich_map.journey.pk}/")
    assert response.content == serializer_json(editor, rich_map.journey.pk)
    assert json.loads(response.content)["created_at"].endswith("+03:00")
