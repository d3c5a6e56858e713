"""A map with three stages, touchpoints with owners and ratings, an emotion curve, a finished
funnel report and NPS answers; helpers to add another report."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from cjm.choices import LaneKind, Role
from cjm.funnels.choices import JobStatus
from cjm.funnels.models import FunnelDefinition, FunnelReport
from cjm.services import journey_create, lane_cell_set
from feedback.choices import SurveyKind, SurveyScope
from tests.factories import MembershipFactory, UserFactory
from tests.feedback.factories import ResponseFactory, SurveyFactory
from touchpoints.services import touchpoint_create


def report_done(journey, stages: list[tuple[int, int | None]], day: int = 1) -> FunnelReport:
    """A finished report of the whole audience: ``stages`` = (entered, converted) in order."""
    definition = FunnelDefinition.objects.create(
        journey=journey,
        date_from=datetime.date(2026, 1, day),
        date_to=datetime.date(2026, 1, day + 1),
        conversion_window_days=30,
    )
    rows = []
    for stage, (entered, converted) in zip(
        journey.stages.order_by("position"), stages, strict=True
    ):
        drop = None if converted is None or not entered else round(1 - converted / entered, 4)
        rows.append(
            {
                "stage": stage.pk,
                "entered": entered,
                "converted": converted,
                "drop_off_rate": drop,
                "median_seconds_to_convert": 3600 if converted else None,
            }
        )
    return FunnelReport.objects.create(
        definition=definition,
        journey=journey,
        status=JobStatus.DONE,
        progress=100,
        result={"stages": rows, "exit_touchpoints": []},
        finished_at=timezone.now() + datetime.timedelta(seconds=day),
    )


def nps_answers(touchpoint, scores: list[int]) -> None:
    survey = SurveyFactory(
        workspace=touchpoint.stage.journey.workspace,
        kind=SurveyKind.NPS,
        scope=SurveyScope.TRANSACTIONAL,
        touchpoint=touchpoint,
        stage=touchpoint.stage,
        journey=touchpoint.stage.journey,
    )
    for score in scores:
        ResponseFactory(survey=survey, score=score)


@pytest.fixture
def owners(workspace):
    people = {}
    for username, first in (("nina", "Nina"), ("oleg", "Oleg")):
        people[username] = UserFactory(username=username, first_name=first, last_name="K")
        MembershipFactory(workspace=workspace, user=people[username], role=Role.VIEWER)
    return people


@pytest.fixture
def journey(workspace, editor, owners):
    journey = journey_create(
        actor=editor,
        workspace=workspace,
        title="Delivery map",
        stage_names=["Choose", "Pay", "Receive"],
    )
    choose, pay, receive = journey.stages.order_by("position")
    touchpoint_create(
        actor=editor, stage=choose, name="Product page", owner=owners["nina"], rating="excellent"
    )
    touchpoint_create(
        actor=editor, stage=pay, name="Checkout", owner=owners["nina"], rating="awful"
    )
    touchpoint_create(actor=editor, stage=pay, name="Promo code", rating="so_so")
    touchpoint_create(actor=editor, stage=receive, name="Courier call", rating="so_so")
    emotions = journey.lanes.get(kind=LaneKind.EMOTIONS)
    for stage, score in ((choose, 2), (pay, -2), (receive, 1)):
        lane_cell_set(actor=editor, lane=emotions, stage=stage, emotion_score=score)
    report_done(journey, [(100, 60), (60, 30), (30, None)])
    nps_answers(journey.stages.get(name="Pay").touchpoints.get(name="Checkout"), [10, 3, 2, 9])
    return journey


def api_client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client
