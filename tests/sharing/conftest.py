"""A shared map: standard lanes, two stages, touchpoints owned by a named person and by a person
whose username is an e-mail address, a text cell, an emotion score; and another map of the same
workspace that must never show."""

import pytest
from rest_framework.test import APIClient

from cjm.choices import LaneKind, Role
from cjm.core.api.throttling import TokenObtainRateThrottle, TokenRateThrottle
from cjm.services import journey_create, lane_cell_set
from cjm.sharing.services import share_link_create
from tests.factories import (
    ChannelFactory,
    JourneyFactory,
    MembershipFactory,
    TeamFactory,
    UserFactory,
)
from touchpoints.services import touchpoint_create


@pytest.fixture
def shared_journey(workspace, editor):
    journey = journey_create(
        actor=editor, workspace=workspace, title="Delivery map", stage_names=["Choose", "Receive"]
    )
    choose, receive = journey.stages.order_by("position")
    named = UserFactory(username="nina", first_name="Nina", last_name="Petrova")
    mailish = UserFactory(username="ann@corp.example", first_name="", last_name="")
    for person in (named, mailish):
        MembershipFactory(workspace=workspace, user=person, role=Role.VIEWER)
    team = TeamFactory(workspace=workspace, name="Logistics")
    channel = ChannelFactory(workspace=workspace, name="Courier app")
    touchpoint_create(
        actor=editor, stage=choose, name="Product page", owner=named, rating="excellent"
    )
    touchpoint_create(
        actor=editor,
        stage=receive,
        name="Courier call",
        owner=mailish,
        team=team,
        channel=channel,
        rating="awful",
    )
    lanes = {lane.kind: lane for lane in journey.lanes.all()}
    lane_cell_set(actor=editor, lane=lanes[LaneKind.GOALS], stage=choose, text="Find a gift")
    lane_cell_set(actor=editor, lane=lanes[LaneKind.EMOTIONS], stage=receive, emotion_score=-2)
    JourneyFactory(workspace=workspace, title="Secret other map")
    return journey


@pytest.fixture
def link(shared_journey, editor):
    return share_link_create(actor=editor, journey=shared_journey)


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def no_throttling(monkeypatch):
    monkeypatch.setattr(TokenRateThrottle, "THROTTLE_RATES", {"token": None})
    monkeypatch.setattr(TokenObtainRateThrottle, "THROTTLE_RATES", {"token_obtain": None})


def api_client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client
