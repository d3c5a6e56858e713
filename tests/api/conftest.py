"""Fixtures of the API tests: token clients per role and a small, complete workspace ("world")
next to another workspace the outsider belongs to."""

from types import SimpleNamespace

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from cjm import services as cjm_services
from cjm.accounts import services as account_services
from cjm.choices import LaneKind, Role
from cjm.core.api.throttling import TokenObtainRateThrottle, TokenRateThrottle
from personas import services as persona_services
from tests.factories import MembershipFactory, UserFactory, WorkspaceFactory
from touchpoints import services as touchpoint_services


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """The factories set passwords; the default hasher takes a third of a second per user."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def no_throttling(monkeypatch):
    """Throttle counters live in the cache, which outlives a test: tests that are not about
    throttling run without it (tests/api/test_limits.py turns it on with a fresh cache)."""
    monkeypatch.setattr(TokenRateThrottle, "THROTTLE_RATES", {"token": None})
    monkeypatch.setattr(TokenObtainRateThrottle, "THROTTLE_RATES", {"token_obtain": None})


def token_client(user) -> APIClient:
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def clients(ws_admin, editor, viewer, outsider):
    """One token client per role: anonymous, outsider, viewer, editor, admin."""
    return {
        "anonymous": APIClient(),
        "outsider": token_client(outsider),
        "viewer": token_client(viewer),
        "editor": token_client(editor),
        "admin": token_client(ws_admin),
    }


@pytest.fixture
def editor_client(editor):
    return token_client(editor)


def build_world(workspace, *, editor, size: int = 1, prefix: str = "") -> SimpleNamespace:
    """A map with everything the API serves, built through the services (actor=None: system).

    ``size`` scales the number of stages, touchpoints per stage, actions and comments.
    """
    w = SimpleNamespace(workspace=workspace)
    w.channel = touchpoint_services.channel_create(
        actor=None, workspace=workspace, name=f"{prefix}Website", kind="online", medium="website"
    )
    w.segment = persona_services.segment_create(
        actor=None, workspace=workspace, name=f"{prefix}Young parents"
    )
    w.persona = persona_services.persona_create(
        actor=None,
        workspace=workspace,
        name=f"{prefix}Anna",
        segment=w.segment,
        goals="Buy quickly",
        preferred_channels=[w.channel],
    )
    w.team = account_services.team_create(
        actor=None, workspace=workspace, name=f"{prefix}Support", members=[editor]
    )
    w.journey = cjm_services.journey_create(
        actor=None,
        workspace=workspace,
        title=f"{prefix}Online order",
        segment=w.segment,
        personas=[w.persona],
        stage_names=[f"Stage {i}" for i in range(2 * size)],
    )
    w.stages = list(w.journey.stages.order_by("position"))
    w.stage, w.other_stage = w.stages[0], w.stages[1]
    w.lanes = list(w.journey.lanes.order_by("position"))
    w.emotions_lane = next(lane for lane in w.lanes if lane.kind == LaneKind.EMOTIONS)
    w.custom_lane = w.lane = cjm_services.lane_create(actor=None, journey=w.journey, name="Notes")
    for stage in w.stages:
        cjm_services.lane_cell_set(
            actor=None, lane=w.emotions_lane, stage=stage, text="calm", emotion_score=1
        )
    w.cell = w.emotions_lane.cells.order_by("stage__position").first()
    w.touchpoints = []
    for stage in w.stages:
        for i in range(2 * size):
            w.touchpoints.append(
                touchpoint_services.touchpoint_create(
                    actor=None,
                    stage=stage,
                    name=f"{prefix}Touchpoint {stage.position}.{i}",
                    channel=w.channel,
                    owner=editor,
                    team=w.team,
                    rating="so_so",
                    importance=5,
                )
            )
    w.touchpoint = w.touchpoints[0]
    w.actions = [
        touchpoint_services.action_create(
            actor=None, touchpoint=tp, title=f"Fix {tp.name}", assignee=editor
        )
        for tp in w.touchpoints[: 2 * size]
    ]
    w.action = w.actions[0]
    w.comments = [
        touchpoint_services.comment_create(actor=editor, touchpoint=tp, body="Slow page")
        for tp in w.touchpoints[: 2 * size]
    ]
    w.comment = w.comments[0]
    w.rating_change = w.touchpoint.rating_changes.first()
    return w


@pytest.fixture
def world(workspace, ws_admin, editor, viewer):
    return build_world(workspace, editor=editor)


@pytest.fixture
def foreign(other_workspace, outsider):
    """The same kind of data in the outsider's workspace."""
    return build_world(other_workspace, editor=outsider, prefix="Foreign ")


@pytest.fixture
def newcomer(db):
    """A user who is in no workspace yet (to be added as a member)."""
    return UserFactory(username="nina_newcomer")


@pytest.fixture
def colleague(ws_admin):
    """Not a member of the workspace, but shares another one with its admin: may be added."""
    side = WorkspaceFactory(name="Side project")
    MembershipFactory(workspace=side, user=ws_admin, role=Role.ADMIN)
    user = UserFactory(username="carl_colleague")
    MembershipFactory(workspace=side, user=user, role=Role.VIEWER)
    return user


@pytest.fixture
def second_editor(workspace):
    user = UserFactory(username="ed_second")
    MembershipFactory(workspace=workspace, user=user, role=Role.EDITOR)
    return user
