"""Deliveries to a real receiver: signature, retries, no retry, pause, private addresses."""

import hashlib
import hmac
import json
import socket

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from cjm.webhooks import deliveries, services, tasks, urlguard
from cjm.webhooks.models import Delivery, Event, Subscription

pytestmark = pytest.mark.django_db


def send(subscription, event=Event.ACTION_CREATED):
    tasks.webhook_event_fanout(subscription.workspace_id, event, {"action": 1})


def test_payload_is_signed_and_follows_the_contract(subscription, receiver):
    send(subscription)
    (request,) = receiver.requests
    headers, body = request["headers"], request["body"]
    expected = hmac.new(b"s3cret-s3cret-s3cret", body, hashlib.sha256).hexdigest()
    assert headers["X-CJM-Signature"] == f"sha256={expected}"
    payload = json.loads(body)
    assert set(payload) == {"id", "event", "created_at", "workspace", "data"}
    assert payload["event"] == headers["X-CJM-Event"] == "action.created"
    assert payload["id"] == headers["X-CJM-Delivery"]
    assert payload["workspace"] == subscription.workspace_id
    assert payload["data"] == {"action": 1}
    delivery = Delivery.objects.get()
    assert (delivery.status_code, delivery.ok, delivery.attempt) == (200, True, 1)


@pytest.mark.parametrize("status", [500, 503, 429])
def test_retried_after_a_server_error_or_429(subscription, receiver, status):
    receiver.statuses = [status, 200]
    send(subscription)
    assert len(receiver.requests) == 2
    ids = {r["headers"]["X-CJM-Delivery"] for r in receiver.requests}
    assert len(ids) == 1  # the same delivery, tried again
    log = list(Delivery.objects.order_by("attempt").values_list("attempt", "status_code", "ok"))
    assert log == [(1, status, False), (2, 200, True)]
    subscription.refresh_from_db()
    assert subscription.consecutive_failures == 0


def test_not_retried_after_a_404(subscription, receiver):
    receiver.statuses = [404]
    send(subscription)
    assert len(receiver.requests) == 1
    subscription.refresh_from_db()
    assert subscription.consecutive_failures == 1


def test_gives_up_after_max_attempts_and_backs_off_exponentially(subscription, receiver, settings):
    receiver.statuses = [500, 500, 500, 500]
    send(subscription)
    assert len(receiver.requests) == settings.WEBHOOKS_MAX_ATTEMPTS == 3
    settings.WEBHOOKS_BACKOFF_SECONDS = 30
    assert [deliveries.backoff_seconds(n) for n in (1, 2, 3)] == [30, 60, 120]


def test_a_connection_error_is_retried(subscription, receiver):
    receiver.close()
    send(subscription)
    log = list(Delivery.objects.order_by("attempt").values_list("attempt", "ok", "will_retry"))
    assert log == [(1, False, True), (2, False, True), (3, False, False)]
    assert Delivery.objects.filter(error="").count() == 0


def test_nothing_goes_to_a_paused_or_deleted_subscription(subscription, receiver, ws_admin):
    services.subscription_update(actor=ws_admin, subscription=subscription, is_active=False)
    send(subscription)
    payload = deliveries.payload_build(event="action.created", workspace_id=1, data={})
    tasks.webhook_deliver(subscription.pk, payload, 1)  # already queued before the pause
    services.subscription_delete(actor=ws_admin, subscription=subscription)
    tasks.webhook_deliver(subscription.pk, payload, 1)
    assert receiver.requests == []


def test_paused_after_n_failed_deliveries_and_admins_told(
    subscription, receiver, settings, ws_admin, editor
):
    settings.WEBHOOKS_PAUSE_AFTER = 2
    settings.WEBHOOKS_MAX_ATTEMPTS = 1
    receiver.statuses = [500, 404, 200]
    send(subscription)
    subscription.refresh_from_db()
    assert subscription.is_active and not mail.outbox
    send(subscription)
    subscription.refresh_from_db()
    assert not subscription.is_active and subscription.paused_at is not None
    assert [m.to for m in mail.outbox] == [[ws_admin.email]]
    assert subscription.url in mail.outbox[0].subject
    send(subscription)
    assert len(receiver.requests) == 2
    services.subscription_update(actor=ws_admin, subscription=subscription, is_active=True)
    subscription.refresh_from_db()
    assert subscription.consecutive_failures == 0


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/hook",
        "http://localhost/hook",  # a host name resolving to 127.0.0.1
        "http://10.1.2.3/hook",
        "http://192.168.0.10/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/hook",
        "http://0.0.0.0/hook",
    ],
)
def test_private_addresses_refused_on_save(workspace, ws_admin, settings, url):
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    with pytest.raises(ValidationError) as error:
        services.subscription_create(
            actor=ws_admin, workspace=workspace, url=url, events=["action.created"]
        )
    assert "url" in error.value.message_dict
    assert not Subscription.objects.exists()


def test_private_address_refused_at_delivery_time(subscription, receiver, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    send(subscription)
    assert receiver.requests == []
    delivery = Delivery.objects.get()  # refused is not retried
    assert delivery.error.startswith("refused") and not delivery.will_retry


def test_dns_rebinding_checked_at_delivery(
    hook_settings, receiver, workspace, ws_admin, monkeypatch
):
    """Saved while the name resolved to a public address; at delivery it resolves to 127.0.0.1."""
    hook_settings.WEBHOOKS_ALLOW_PRIVATE = False
    answers = {"hooks.example.test": "93.184.216.34"}
    real = socket.getaddrinfo

    def fake(host, port, *args, **kwargs):
        if host in answers:
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (answers[host], port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(urlguard.socket, "getaddrinfo", fake)
    port = receiver.server.server_port
    subscription = services.subscription_create(
        actor=ws_admin,
        workspace=workspace,
        url=f"http://hooks.example.test:{port}/hook",
        events=["action.created"],
    )
    answers["hooks.example.test"] = "127.0.0.1"
    send(subscription)
    assert receiver.requests == []
    assert Delivery.objects.get().error.startswith("refused")
    # With private addresses allowed, the connection goes to the checked address, with the
    # URL's host name in the Host header.
    hook_settings.WEBHOOKS_ALLOW_PRIVATE = True
    send(subscription)
    assert receiver.requests[0]["headers"]["Host"] == f"hooks.example.test:{port}"


def test_mixed_answers_are_refused(settings, monkeypatch):
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    infos = [
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 80)),
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", 80)),
    ]
    monkeypatch.setattr(urlguard.socket, "getaddrinfo", lambda *a, **k: infos)
    with pytest.raises(urlguard.UrlRefused):
        urlguard.resolve("http://twofaced.example.test/")
