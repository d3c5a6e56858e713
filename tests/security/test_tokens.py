"""Finding 8: API tokens may expire (CJM_TOKEN_DAYS) and show when they were last used."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from cjm.accounts.models import ApiTokenUse
from tests.factories import UserFactory

PASSWORD = "correct-horse-9"  # noqa: S105


@pytest.fixture
def user(db):
    user = UserFactory(username="integrator")
    user.set_password(PASSWORD)
    user.save()
    return user


def _with_token(key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_tokens_never_expire_by_default_and_record_their_last_use(
    user, django_capture_on_commit_callbacks
):
    token = Token.objects.create(user=user)
    Token.objects.filter(pk=token.pk).update(created=timezone.now() - datetime.timedelta(days=900))
    assert not ApiTokenUse.objects.filter(user=user).exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert _with_token(token.key).get("/api/v1/workspaces/").status_code == 200
    used = ApiTokenUse.objects.get(user=user).last_used_at
    assert timezone.now() - used < datetime.timedelta(minutes=1)


def test_expired_token_is_refused_and_a_new_one_can_be_obtained(user, settings):
    settings.CJM_TOKEN_DAYS = 30
    token = Token.objects.create(user=user)
    Token.objects.filter(pk=token.pk).update(created=timezone.now() - datetime.timedelta(days=31))
    response = _with_token(token.key).get("/api/v1/workspaces/")
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]
    fresh = APIClient().post(
        "/api/v1/auth/token/", {"username": user.username, "password": PASSWORD}
    )
    assert fresh.status_code == 200
    assert fresh.json()["token"] != token.key
    assert _with_token(fresh.json()["token"]).get("/api/v1/workspaces/").status_code == 200


def test_young_token_works_with_expiry_on(user, settings):
    settings.CJM_TOKEN_DAYS = 30
    token = Token.objects.create(user=user)
    assert _with_token(token.key).get("/api/v1/workspaces/").status_code == 200


def test_settings_page_shows_last_use_and_expiry(
    user, settings, django_capture_on_commit_callbacks
):
    settings.CJM_TOKEN_DAYS = 30
    token = Token.objects.create(user=user)
    client = Client()
    client.force_login(user)
    page = client.get(reverse("cjm:settings")).content.decode()
    assert "Last used" in page and "Never" in page and "Expires" in page
    with django_capture_on_commit_callbacks(execute=True):
        _with_token(token.key).get("/api/v1/workspaces/")
    page = client.get(reverse("cjm:settings")).content.decode()
    assert "Never" not in page
