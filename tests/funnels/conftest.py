"""Fixtures of the funnel tests."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.funnels.helpers import build_funnel_world


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(workspace):
    return build_funnel_world(workspace)


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
def api(editor):
    """The editor's token client."""
    return token_client(editor)


@pytest.fixture(autouse=True)
def no_throttling(monkeypatch):
    from cjm.core.api.throttling import TokenObtainRateThrottle, TokenRateThrottle

    monkeypatch.setattr(TokenRateThrottle, "THROTTLE_RATES", {"token": None})
    monkeypatch.setattr(TokenObtainRateThrottle, "THROTTLE_RATES", {"token_obtain": None})


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files go to a temporary directory."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
