"""The workspace's webhook settings pages."""

import pytest
from django.urls import reverse

from cjm.webhooks.models import Delivery, Subscription

pytestmark = pytest.mark.django_db


def test_admin_adds_a_webhook_and_sees_the_secret_once(
    client, hook_settings, receiver, workspace, ws_admin
):
    client.force_login(ws_admin)
    url = reverse("cjm:webhook_list", args=[workspace.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Add webhook" in page.content.decode()
    added = client.post(
        url, {"url": receiver.url, "events": ["action.created", "feedback.negative"]}
    )
    subscription = Subscription.objects.get()
    assert added.status_code == 302 and subscription.events == [
        "action.created",
        "feedback.negative",
    ]
    detail = client.get(added["Location"]).content.decode()
    assert subscription.secret in detail
    assert subscription.secret not in client.get(added["Location"]).content.decode()
    assert receiver.url in client.get(url).content.decode()


def test_form_errors_are_shown(client, settings, workspace, ws_admin):
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    client.force_login(ws_admin)
    url = reverse("cjm:webhook_list", args=[workspace.pk])
    answer = client.post(url, {"url": "http://169.254.169.254/", "events": ["action.created"]})
    assert answer.status_code == 400 and "link-local" in answer.content.decode()
    assert client.post(url, {"url": "https://example.com/", "events": []}).status_code == 400
    assert not Subscription.objects.exists()


def test_ping_button_and_delivery_log(
    client,
    subscription,
    receiver,
    ws_admin,
    django_assert_num_queries,
    django_capture_on_commit_callbacks,
):
    client.force_login(ws_admin)
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(reverse("cjm:webhook_ping", args=[subscription.pk]))
    assert answer.status_code == 302
    assert [r["headers"]["X-CJM-Event"] for r in receiver.requests] == ["ping"]
    assert Delivery.objects.get().status_code == 200
    detail = reverse("cjm:webhook_detail", args=[subscription.pk])
    client.get(detail)
    with django_assert_num_queries(6):  # session, user, subscription, role, log, workspaces
        page = client.get(detail).content.decode()
    assert "Send test ping" in page and "ping" in page and ">✓ 200<" in page


def test_pause_resume_and_delete(client, subscription, ws_admin):
    client.force_login(ws_admin)
    client.post(reverse("cjm:webhook_toggle", args=[subscription.pk]))
    subscription.refresh_from_db()
    assert not subscription.is_active
    client.post(reverse("cjm:webhook_toggle", args=[subscription.pk]))
    subscription.refresh_from_db()
    assert subscription.is_active
    client.post(reverse("cjm:webhook_delete", args=[subscription.pk]))
    assert not Subscription.objects.exists()


def test_only_admins(client, subscription, workspace, editor, viewer, outsider):
    pages = [
        ("get", reverse("cjm:webhook_list", args=[workspace.pk])),
        ("get", reverse("cjm:webhook_detail", args=[subscription.pk])),
        ("post", reverse("cjm:webhook_ping", args=[subscription.pk])),
        ("post", reverse("cjm:webhook_toggle", args=[subscription.pk])),
        ("post", reverse("cjm:webhook_delete", args=[subscription.pk])),
    ]
    for user, status in ((editor, 403), (viewer, 403), (outsider, 404)):
        client.force_login(user)
        for method, url in pages:
            assert getattr(client, method)(url).status_code == status, (user, url)
    link = reverse("cjm:webhook_list", args=[workspace.pk])
    home = reverse("cjm:workspace_detail", args=[workspace.pk])
    client.force_login(viewer)
    assert link not in client.get(home).content.decode()
    client.force_login(subscription.created_by)
    assert link in client.get(home).content.decode()
    assert Subscription.objects.get().is_active
