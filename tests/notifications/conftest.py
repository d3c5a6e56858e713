"""Fixtures of the notification tests: a touchpoint owned by the viewer, with a team."""

import pytest
from django.core.cache import cache

from cjm.choices import Role
from cjm.notifications.models import Notification
from tests.factories import MembershipFactory, TeamFactory, TouchpointFactory, UserFactory


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """The factories set passwords; the default hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Unread counts are cached per user id; ids repeat across tests."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def teammate(workspace):
    user = UserFactory(username="tina_team")
    MembershipFactory(workspace=workspace, user=user, role=Role.VIEWER)
    return user


@pytest.fixture
def touchpoint(workspace, viewer, teammate, editor):
    team = TeamFactory(workspace=workspace, name="Delivery team")
    team.members.add(teammate, editor)
    return TouchpointFactory(
        stage__journey__workspace=workspace, name="Courier call", owner=viewer, team=team
    )


def kinds_of(user) -> list[str]:
    return list(
        Notification.objects.filter(recipient=user).order_by("id").values_list("kind", flat=True)
    )
