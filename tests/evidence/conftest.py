"""Fixtures of the evidence tests: a three-stage map with two touchpoints per stage (the funnel
tests' world), token clients per role."""

import pytest
from django.core.cache import cache

from tests.funnels.conftest import token_client
from tests.funnels.helpers import build_funnel_world


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache():
    """Counted windows are cached (cjm/evidence/counting.py); ids repeat across tests."""
    cache.clear()


@pytest.fixture
def world(workspace):
    return build_funnel_world(workspace)


@pytest.fixture
def clients(ws_admin, editor, viewer, outsider):
    return {
        "anonymous": token_client(None),
        "outsider": token_client(outsider),
        "viewer": token_client(viewer),
        "editor": token_client(editor),
        "admin": token_client(ws_admin),
    }
