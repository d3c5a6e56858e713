"""Authentication: token (``POST auth/token/``, the create_api_token command), session, 401s,
and throttling of token clients."""

import io

import pytest
from django.core.cache.backends.locmem import LocMemCache
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from cjm.core.api.throttling import TokenObtainRateThrottle, TokenRateThrottle
from tests.api.conftest import token_client
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
TOKEN_URL = "/api/v1/auth/token/"


def test_a_username_and_password_get_the_users_token(editor):
    client = APIClient()
    response = client.post(TOKEN_URL, {"username": editor.username, "password": PASSWORD})
    assert response.status_code == 200
    key = response.json()["token"]
    assert key == Token.objects.get(user=editor).key
    again = client.post(TOKEN_URL, {"username": editor.username, "password": PASSWORD})
    assert again.json()["token"] == key

    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/journeys/").status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        {"username": "eddie_editor", "password": "wrong"},
        {"username": "nobody", "password": PASSWORD},
        {"username": "eddie_editor"},
        {"username": "eddie\x00", "password": PASSWORD},
        {"username": 5, "password": PASSWORD},
    ],
)
def test_bad_credentials_are_400(editor, body):
    response = APIClient().post(TOKEN_URL, body, format="json")
    assert response.status_code == 400
    assert "token" not in response.json()


def test_without_credentials_or_with_a_bad_token_it_is_401_with_a_challenge(world):
    response = APIClient().get("/api/v1/journeys/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-key")
    assert client.get("/api/v1/journeys/").status_code == 401


def test_the_browser_session_works_and_needs_csrf_for_writes(editor, world):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.get(f"/api/v1/journeys/{world.journey.pk}/").status_code == 200
    response = client.patch(f"/api/v1/journeys/{world.journey.pk}/", {"title": "x"})
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_the_command_creates_rotates_and_revokes_tokens(editor, world):
    out = io.StringIO()
    call_command("create_api_token", editor.username, stdout=out)
    key = out.getvalue().strip()
    assert Token.objects.get(user=editor).key == key
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/journeys/").status_code == 200

    out = io.StringIO()
    call_command("create_api_token", editor.username, stdout=out)
    assert out.getvalue().strip() == key  # shown again, not replaced

    out = io.StringIO()
    call_command("create_api_token", editor.username, "--rotate", stdout=out)
    rotated = out.getvalue().strip()
    assert rotated != key
    assert client.get("/api/v1/journeys/").status_code == 401

    out = io.StringIO()
    call_command("create_api_token", editor.username, "--revoke", stdout=out)
    assert "revoked" in out.getvalue()
    assert not Token.objects.filter(user=editor).exists()
    client.credentials(HTTP_AUTHORIZATION=f"Token {rotated}")
    assert client.get("/api/v1/journeys/").status_code == 401

    with pytest.raises(CommandError):
        call_command("create_api_token", "nobody")


@pytest.fixture
def throttled(monkeypatch):
    """Turn throttling on with small rates and a cache of its own."""
    cache = LocMemCache("throttle-test", {})
    for throttle, scope in (
        (TokenRateThrottle, "token"),
        (TokenObtainRateThrottle, "token_obtain"),
    ):
        monkeypatch.setattr(throttle, "cache", cache)
        monkeypatch.setattr(throttle, "THROTTLE_RATES", {scope: "3/minute"})


def test_token_clients_are_throttled_and_sessions_are_not(throttled, editor, world):
    client = token_client(editor)
    statuses = [client.get("/api/v1/journeys/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert "Retry-After" in client.get("/api/v1/journeys/")

    browser = APIClient()
    browser.force_login(editor)
    assert {browser.get("/api/v1/journeys/").status_code for _ in range(5)} == {200}


def test_password_guessing_is_throttled(throttled, editor):
    client = APIClient()
    statuses = [
        client.post(TOKEN_URL, {"username": editor.username, "password": "guess"}).status_code
        for _ in range(4)
    ]
    assert statuses == [400, 400, 400, 429]
