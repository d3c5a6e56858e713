"""``webhooks/``: only a workspace's admins manage its webhooks; deliveries and ping."""

import pytest
from rest_framework.test import APIClient

from cjm.webhooks.models import Subscription

pytestmark = pytest.mark.django_db
API = "/api/v1/webhooks/"


def api_for(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


def test_admin_creates_lists_updates_deletes(hook_settings, receiver, workspace, ws_admin):
    api = api_for(ws_admin)
    body = {"workspace": workspace.pk, "url": receiver.url, "events": ["action.created"]}
    created = api.post(API, body, format="json")
    assert created.status_code == 201, created.json()
    data = created.json()
    assert {"id", "workspace", "url", "events", "is_active"} <= set(data)
    assert len(data["secret"]) == 64  # generated: shown once
    detail = api.get(f"{API}{data['id']}/").json()
    assert "secret" not in detail and detail["is_active"] is True
    changed = api.patch(f"{API}{data['id']}/", {"events": ["action.overdue"], "secret": "x" * 20})
    assert changed.status_code == 200 and changed.json()["events"] == ["action.overdue"]
    assert "secret" not in changed.json()
    assert Subscription.objects.get().secret == "x" * 20
    assert api.get(API).json()["count"] == 1
    assert api.delete(f"{API}{data['id']}/").status_code == 204
    assert not Subscription.objects.exists()


def test_bad_input_is_a_400(hook_settings, workspace, ws_admin, other_workspace):
    api = api_for(ws_admin)
    base = {"workspace": workspace.pk, "url": "http://127.0.0.1/", "events": ["action.created"]}
    for bad in (
        {"events": ["no.such"]},
        {"events": []},
        {"url": "ftp://example.com/"},
        {"url": "not a url"},
        {"workspace": other_workspace.pk},
    ):
        answer = api.post(API, {**base, **bad}, format="json")
        assert answer.status_code == 400, (bad, answer.content)
    hook_settings.WEBHOOKS_ALLOW_PRIVATE = False
    refused = api.post(API, base, format="json")
    assert refused.status_code == 400 and "url" in refused.json()


def test_roles(subscription, workspace, editor, viewer, outsider):
    url = f"{API}{subscription.pk}/"
    body = {"workspace": workspace.pk, "url": subscription.url, "events": ["action.created"]}
    for user in (editor, viewer):
        api = api_for(user)
        assert api.get(url).status_code == 403
        assert api.patch(url, {"is_active": False}).status_code == 403
        assert api.delete(url).status_code == 403
        assert api.post(f"{url}ping/").status_code == 403
        assert api.get(f"{url}deliveries/").status_code == 403
        assert api.post(API, body, format="json").status_code == 403
        assert api.get(API).json()["count"] == 0
    api = api_for(outsider)
    assert api.get(url).status_code == 404
    assert api.delete(url).status_code == 404
    assert api.post(f"{url}ping/").status_code == 404
    assert api.post(API, body, format="json").status_code == 400  # not one of their workspaces
    assert Subscription.objects.filter(is_active=True).count() == 1


def test_ping_and_delivery_log(
    subscription, receiver, ws_admin, django_assert_num_queries, django_capture_on_commit_callbacks
):
    api = api_for(ws_admin)
    receiver.statuses = [500]
    with django_capture_on_commit_callbacks(execute=True):
        answer = api.post(f"{API}{subscription.pk}/ping/")
    assert answer.status_code == 202 and answer.json()["event"] == "ping"
    assert receiver.requests[0]["headers"]["X-CJM-Event"] == "ping"
    with django_capture_on_commit_callbacks(execute=True):
        api.post(f"{API}{subscription.pk}/ping/")
    with django_assert_num_queries(3):  # subscription, count, page (the role is cached)
        log = api.get(f"{API}{subscription.pk}/deliveries/").json()
    assert log["count"] == 2  # a ping is tried once, and counts no failure
    first = log["results"][-1]
    assert (first["status_code"], first["attempt"], first["ok"]) == (500, 1, False)
    assert first["delivery_id"] == answer.json()["id"] and first["duration_ms"] >= 0
    subscription.refresh_from_db()
    assert subscription.consecutive_failures == 0


def test_list_query_count(subscription, ws_admin, workspace, django_assert_num_queries):
    for n in range(3):
        Subscription.objects.create(
            workspace=workspace, url=f"https://e{n}.example.com/", events=[]
        )
    with django_assert_num_queries(2):
        listing = api_for(ws_admin).get(f"{API}?workspace={workspace.pk}").json()
    assert listing["count"] == 4
