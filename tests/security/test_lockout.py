"""Finding 2: password guessing is locked out per account and per address, on the sign-in page
and on the API's token endpoint; X-Forwarded-For is only believed as far as
CJM_TRUSTED_PROXIES says."""

import time

import pytest
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from rest_framework.test import APIClient

from cjm.core.client import client_address
from tests.factories import UserFactory

PASSWORD = "correct-horse-9"  # noqa: S105
TOKEN_URL = "/api/v1/auth/token/"


@pytest.fixture
def victim(db):
    user = UserFactory(username="victim")
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def bystander(db):
    user = UserFactory(username="bystander")
    user.set_password(PASSWORD)
    user.save()
    return user


def _login(client, username, password, forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


def _token(client, username, password, forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return client.post(TOKEN_URL, {"username": username, "password": password}, **extra)


def test_login_page_locks_after_ten_wrong_passwords_even_with_rotating_forwarded_for(
    victim, bystander
):
    client = Client()
    for attempt in range(10):
        response = _login(client, "victim", "wrong", forwarded=f"203.0.113.{attempt}")
        assert response.status_code == 200
        assert not response.wsgi_request.user.is_authenticated
    response = _login(client, "victim", PASSWORD, forwarded="198.51.100.7")
    assert response.status_code == 200  # the form again, with the error
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another account from another address is not affected.
    other = Client(REMOTE_ADDR="192.0.2.50")
    response = _login(other, "bystander", PASSWORD)
    assert response.status_code == 302


def test_token_endpoint_locks_with_429_and_rotating_forwarded_for_does_not_bypass(
    victim, bystander
):
    client = APIClient()
    for attempt in range(10):
        response = _token(client, "victim", "wrong", forwarded=f"203.0.113.{attempt}")
        assert response.status_code in (400, 429)
    response = _token(client, "victim", PASSWORD, forwarded="198.51.100.8")
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.json()["detail"]
    assert "token" not in response.json()
    other = APIClient(REMOTE_ADDR="192.0.2.51")
    assert _token(other, "bystander", PASSWORD).status_code == 200


def test_locked_account_is_also_refused_on_the_other_door(victim):
    client = Client()
    for _attempt in range(10):
        _login(client, "victim", "wrong")
    assert _token(APIClient(REMOTE_ADDR="192.0.2.9"), "victim", PASSWORD).status_code == 429


@override_settings(CJM_LOGIN_LOCKOUT_SECONDS=3, CJM_LOGIN_MAX_FAILURES=3)
def test_correct_password_after_lockout_refused_until_expiry(victim):
    client = APIClient()
    for _attempt in range(3):
        _token(client, "victim", "wrong")
    assert _token(client, "victim", PASSWORD).status_code == 429
    assert _login(Client(), "victim", PASSWORD).status_code == 200  # refused there too
    time.sleep(3.2)
    response = _token(client, "victim", PASSWORD)
    assert response.status_code == 200
    assert response.json()["token"]


@override_settings(CJM_LOGIN_ADDRESS_MAX_FAILURES=15)
def test_one_address_guessing_many_accounts_is_locked(victim, bystander):
    client = Client()
    for attempt in range(15):
        _login(client, f"nobody{attempt}", "wrong", forwarded=f"10.0.0.{attempt}")
    response = _login(client, "bystander", PASSWORD)
    assert "Too many failed sign-in attempts" in response.content.decode()
    # Another address may still sign in to the same account.
    assert _login(Client(REMOTE_ADDR="192.0.2.77"), "bystander", PASSWORD).status_code == 302


def test_success_resets_the_account_count(victim):
    client = Client()
    for _attempt in range(9):
        _login(client, "victim", "wrong")
    assert _login(client, "victim", PASSWORD).status_code == 302
    client.logout()
    for _attempt in range(9):
        _login(client, "victim", "wrong")
    assert _login(client, "victim", PASSWORD).status_code == 302


def _request(remote="10.0.0.1", forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


def test_client_address_ignores_forwarded_for_without_trusted_proxies():
    assert client_address(_request(forwarded="1.2.3.4")) == "10.0.0.1"


@override_settings(CJM_TRUSTED_PROXIES=1)
def test_client_address_with_one_proxy_takes_the_rightmost():
    assert client_address(_request(forwarded="6.6.6.6, 1.2.3.4")) == "1.2.3.4"
    assert client_address(_request(forwarded="")) == "10.0.0.1"
    assert client_address(_request(forwarded="not-an-address")) == "10.0.0.1"


@override_settings(CJM_TRUSTED_PROXIES=2)
def test_client_address_with_two_proxies_takes_the_second_from_the_right():
    assert client_address(_request(forwarded="6.6.6.6, 1.2.3.4, 172.16.0.2")) == "1.2.3.4"


@override_settings(CJM_TRUSTED_PROXIES=1, CJM_LOGIN_ADDRESS_MAX_FAILURES=5)
def test_behind_a_proxy_each_client_address_counts_on_its_own(victim, bystander):
    proxy = Client(REMOTE_ADDR="172.16.0.1")
    for attempt in range(5):
        _login(proxy, f"nobody{attempt}", "wrong", forwarded="203.0.113.66")
    assert "Too many" in _login(proxy, "bystander", PASSWORD, "203.0.113.66").content.decode()
    assert _login(proxy, "bystander", PASSWORD, forwarded="203.0.113.67").status_code == 302
