"""Finding 6: every API route, asked with a ``.json`` format suffix, answers (200, 404, 405, ...)
and never 500. The routes are enumerated from the URL configuration: a new endpoint is walked
without anyone adding it here."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.test import APIClient

from tests.factories import (
    ActionFactory,
    ChannelFactory,
    CommentFactory,
    JourneyFactory,
    LaneCellFactory,
    LaneFactory,
    PersonaFactory,
    SegmentFactory,
    StageFactory,
    TeamFactory,
    TouchpointFactory,
)
from tests.feedback.factories import ResponseFactory, ReviewFactory, SurveyFactory


def api_routes(patterns=None, prefix=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from api_routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and route.startswith("api/v1/"):
            yield route


@pytest.fixture
def world(workspace, ws_admin):
    journey = JourneyFactory(workspace=workspace)
    stage = StageFactory(journey=journey, position=0)
    lane = LaneFactory(journey=journey)
    cell = LaneCellFactory(lane=lane, stage=stage)
    channel = ChannelFactory(workspace=workspace)
    touchpoint = TouchpointFactory(stage=stage, channel=channel)
    action = ActionFactory(touchpoint=touchpoint)
    comment = CommentFactory(touchpoint=touchpoint, author=ws_admin)
    survey = SurveyFactory(workspace=workspace, touchpoint=touchpoint, stage=stage, journey=journey)
    response = ResponseFactory(survey=survey)
    review = ReviewFactory(workspace=workspace)
    ids = {
        "journeys": journey.pk,
        "stages": stage.pk,
        "lanes": lane.pk,
        "cells": cell.pk,
        "channels": channel.pk,
        "touchpoints": touchpoint.pk,
        "actions": action.pk,
        "comments": comment.pk,
        "surveys": survey.pk,
        "responses": response.pk,
        "reviews": review.pk,
        "workspaces": workspace.pk,
        "feedback-settings": workspace.pk,
        "touchpoint-feedback": touchpoint.pk,
        "teams": TeamFactory(workspace=workspace).pk,
        "segments": SegmentFactory(workspace=workspace).pk,
        "personas": PersonaFactory(workspace=workspace).pk,
        "members": ws_admin.pk,
        "stage_id": stage.pk,
    }
    return ids


def concrete(route: str, ids: dict) -> str:
    parts = route.split("/")
    out = []
    for index, part in enumerate(parts):
        match = re.fullmatch(r"<(?:\w+:)?(\w+)>", part)
        if match:
            name = match.group(1)
            owner = parts[index - 1] if index else ""
            value = ids.get(name) or ids.get(owner) or 1
            out.append(str(value))
        else:
            out.append(part)
    return "/" + "/".join(out)


def suffixed(url: str) -> list[str]:
    if url.endswith(".json"):
        return [url]
    stem = url.rstrip("/")
    return [f"{stem}.json", f"{stem}.json/"]


def test_every_api_route_with_a_json_suffix_answers_without_a_server_error(world, ws_admin):
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(ws_admin)
    routes = list(api_routes())
    assert len(routes) > 50
    failures = []
    for route in routes:
        url = concrete(route, world)
        for candidate in suffixed(url):
            for method in ("get", "post"):
                response = getattr(client, method)(candidate, {}, format="json")
                if response.status_code >= 500:
                    failures.append(f"{method.upper()} {candidate}: {response.status_code}")
    assert failures == []
    # The plain routes are really reached with these ids (so the walk is not all 404s).
    assert client.get(concrete("api/v1/surveys/<int:pk>/stats/", world)).status_code == 200
