"""The bell on every page, the notifications page, settings and the @mention member search."""

import pytest
from django.urls import reverse

from cjm.notifications.models import DeliveryProfile, Notification, NotificationPreference
from tests.factories import JourneyFactory

pytestmark = pytest.mark.django_db


def _note(user, **extra):
    extra.setdefault("params", {"actor": "Eddie", "title": "Call back"})
    return Notification.objects.create(recipient=user, kind="action_assigned", **extra)


def test_bell_shows_the_unread_count_and_pages_make_no_query_for_it(
    client, viewer, workspace, django_assert_num_queries
):
    for _ in range(3):
        _note(viewer)
    _note(viewer, read_at="2026-11-01T00:00Z")
    client.force_login(viewer)
    url = reverse("cjm:workspace_detail", kwargs={"workspace_id": workspace.pk})
    # Not cached yet: the page's bell loads its figure with htmx.
    page = client.get(url).content.decode()
    assert 'hx-trigger="load, notifications-changed from:body"' in page
    with django_assert_num_queries(3):  # session, user, the count
        bell = client.get(reverse("notifications:bell"), HTTP_HX_REQUEST="true")
    assert 'data-testid="bell-count">3<' in bell.content.decode()
    # Cached now: pages show it at once, without asking the database.
    page = client.get(url).content.decode()
    assert 'data-testid="bell-count">3<' in page
    assert 'hx-trigger="notifications-changed from:body"' in page


def test_list_page_filters_and_query_count(client, viewer, editor, django_assert_num_queries):
    for _ in range(5):
        _note(viewer)
    Notification.objects.create(recipient=viewer, kind="mentioned", params={"target": "Courier"})
    _note(editor, params={"actor": "Vera", "title": "Not yours"})
    client.force_login(viewer)
    url = reverse("notifications:list")
    with django_assert_num_queries(5):  # session, user, workspace switcher, count, page
        response = client.get(url)
    body = response.content.decode()
    assert body.count('class="notif ') == 6
    assert "Not yours" not in body
    body = client.get(url, {"kind": "mentioned"}).content.decode()
    assert body.count('class="notif ') == 1 and "Courier" in body
    assert client.get(url, {"kind": "nonsense"}).status_code == 400


def test_mark_read_with_htmx_and_open_follows_the_link(client, viewer, outsider):
    note = _note(viewer, url="/journeys/5/?touchpoint=9")
    other = _note(viewer)
    client.force_login(viewer)
    response = client.post(reverse("notifications:read", args=[note.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response["HX-Trigger"] == "notifications-changed"
    assert "notif--unread" not in response.content.decode()
    opened = client.get(reverse("notifications:open", args=[other.pk]))
    assert opened.status_code == 302
    other.refresh_from_db()
    assert other.read_at is not None
    assert client.get(reverse("notifications:open", args=[note.pk]))["Location"] == note.url
    # An outsider can neither mark nor open it.
    note.read_at = None
    note.save()
    client.force_login(outsider)
    assert client.post(reverse("notifications:read", args=[note.pk])).status_code == 404
    assert client.get(reverse("notifications:open", args=[note.pk])).status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


def test_read_all_empties_the_bell(client, viewer):
    _note(viewer)
    client.force_login(viewer)
    bell = reverse("notifications:bell")
    assert 'data-testid="bell-count"' in client.get(bell).content.decode()
    client.post(reverse("notifications:read_all"))
    page = client.get(reverse("notifications:list")).content.decode()
    assert 'data-testid="bell-count"' not in page
    assert 'data-testid="bell-count"' not in client.get(bell).content.decode()


def test_preferences_page_saves_choices_and_rejects_a_bad_time_zone(client, viewer):
    client.force_login(viewer)
    url = reverse("notifications:preferences")
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="email_mentioned" id="id_email_mentioned" checked' in page.content.decode()
    bad = client.post(url, {"time_zone": "Mars/Olympus", "digest": "on"})
    assert bad.status_code == 400
    ok = client.post(url, {"time_zone": "Europe/Moscow", "in_app_mentioned": "on"})
    assert ok.status_code == 302
    mentioned = NotificationPreference.objects.get(user=viewer, kind="mentioned")
    assert (mentioned.in_app, mentioned.email) == (True, False)
    profile = DeliveryProfile.objects.get(user=viewer)
    assert (profile.time_zone, profile.digest) == ("Europe/Moscow", False)


def test_member_search_is_scoped_to_the_workspace(client, workspace, viewer, editor, outsider):
    JourneyFactory(workspace=workspace)
    client.force_login(viewer)
    url = reverse("notifications:member_search", kwargs={"workspace_id": workspace.pk})
    found = client.get(url, {"q": "edd"}).json()["results"]
    assert [row["username"] for row in found] == ["eddie_editor"]
    assert client.get(url, {"q": "oscar"}).json()["results"] == []
    client.force_login(outsider)
    assert client.get(url, {"q": "e"}).status_code == 404
