"""``/api/v1/notifications/``: the caller's own only, newest first, unread filter, mark read."""

import pytest
from rest_framework.test import APIClient

from cjm.notifications.models import Notification

pytestmark = pytest.mark.django_db

URL = "/api/v1/notifications/"


def client_of(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def notes(viewer, editor):
    older = Notification.objects.create(
        recipient=viewer, kind="mentioned", params={"actor": "Eddie", "target": "Courier call"}
    )
    newer = Notification.objects.create(
        recipient=viewer,
        kind="action_assigned",
        params={"actor": "Eddie", "title": "Call back"},
        url="/journeys/1/?touchpoint=2",
        object_type="action",
        object_id=7,
    )
    theirs = Notification.objects.create(recipient=editor, kind="mentioned", params={})
    return older, newer, theirs


def test_list_is_the_callers_own_newest_first(viewer, notes, django_assert_num_queries):
    older, newer, _theirs = notes
    with django_assert_num_queries(2):  # count + page (forced authentication: no token query)
        response = client_of(viewer).get(URL)
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [row["id"] for row in rows] == [newer.pk, older.pk]
    assert rows[0] == {
        "id": newer.pk,
        "kind": "action_assigned",
        "created_at": rows[0]["created_at"],
        "read": False,
        "text": 'Eddie assigned you the action "Call back"',
        "url": "/journeys/1/?touchpoint=2",
        "object_type": "action",
        "object_id": 7,
        "workspace": None,
    }


def test_unread_filter_mark_one_and_all(viewer, notes):
    older, newer, theirs = notes
    client = client_of(viewer)
    response = client.post(f"{URL}{older.pk}/read/")
    assert response.status_code == 200 and response.json()["read"] is True
    assert [r["id"] for r in client.get(URL, {"unread": "true"}).json()["results"]] == [newer.pk]
    assert client.get(URL, {"unread": "maybe"}).status_code == 400
    assert client.get(URL, {"kind": "nonsense"}).status_code == 400
    assert [r["id"] for r in client.get(URL, {"kind": "mentioned"}).json()["results"]] == [older.pk]
    assert client.post(f"{URL}read-all/").json() == {"marked": 1}
    assert client.get(URL, {"unread": "true"}).json()["results"] == []
    theirs.refresh_from_db()
    assert theirs.read_at is None  # read-all marks only one's own


def test_another_persons_notification_is_a_404(outsider, notes):
    older, _newer, _theirs = notes
    client = client_of(outsider)
    assert client.get(f"{URL}{older.pk}/").status_code == 404
    assert client.post(f"{URL}{older.pk}/read/").status_code == 404
    assert client.get(URL).json()["results"] == []
    older.refresh_from_db()
    assert older.read_at is None


def test_anonymous_is_refused():
    assert APIClient().get(URL).status_code == 401
