"""Fixtures of the funnel tests."""

import pytest

from tests.funnels.helpers import build_funnel_world


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(workspace):
    return build_funnel_world(workspace)
