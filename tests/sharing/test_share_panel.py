"""The share panel of a map: editors create and revoke links and save the map as a template;
viewers cannot; another workspace's map is a 404."""

import pytest
from django.urls import reverse

from cjm.sharing.models import JourneyTemplate, ShareLink

pytestmark = pytest.mark.django_db


def panel(journey):
    return reverse("cjm:share_panel", kwargs={"journey_id": journey.pk})


def test_editor_creates_lists_and_revokes(client, editor, shared_journey):
    client.force_login(editor)
    response = client.post(panel(shared_journey), {"expires_at": "", "password": "pw-123"})
    assert response.status_code == 302
    link = ShareLink.objects.get()
    assert link.created_by == editor and link.has_password and link.password != "pw-123"
    page = client.get(panel(shared_journey)).content.decode()
    assert link.token in page and editor.get_full_name() in page
    revoke = reverse("cjm:share_link_revoke", kwargs={"link_id": link.pk})
    assert client.post(revoke).status_code == 302
    link.refresh_from_db()
    assert link.revoked
    assert client.get(reverse("cjm:shared_map", kwargs={"token": link.token})).status_code == 404


def test_past_expiry_is_a_form_error(client, editor, shared_journey):
    client.force_login(editor)
    response = client.post(panel(shared_journey), {"expires_at": "2000-01-01T10:00"})
    assert response.status_code == 200
    assert "The expiry must be in the future." in response.content.decode()
    assert not ShareLink.objects.exists()


def test_viewer_cannot_share(client, viewer, shared_journey, link):
    client.force_login(viewer)
    assert client.get(panel(shared_journey)).status_code == 403
    assert client.post(panel(shared_journey), {}).status_code == 403
    revoke = reverse("cjm:share_link_revoke", kwargs={"link_id": link.pk})
    assert client.post(revoke).status_code == 403
    assert ShareLink.objects.count() == 1 and not ShareLink.objects.get().revoked
    # ... and the map shows no "Share" button to a viewer.
    page = client.get(reverse("cjm:journey_detail", kwargs={"journey_id": shared_journey.pk}))
    assert panel(shared_journey) not in page.content.decode()


def test_other_workspace_is_404(client, outsider, shared_journey, link):
    client.force_login(outsider)
    assert client.get(panel(shared_journey)).status_code == 404
    revoke = reverse("cjm:share_link_revoke", kwargs={"link_id": link.pk})
    assert client.post(revoke).status_code == 404
    save = reverse("cjm:journey_template_save", kwargs={"journey_id": shared_journey.pk})
    assert client.post(save, {"name": "X"}).status_code == 404


def test_save_as_template_from_the_panel(client, editor, shared_journey):
    client.force_login(editor)
    save = reverse("cjm:journey_template_save", kwargs={"journey_id": shared_journey.pk})
    assert client.post(save, {"name": "Delivery pattern"}).status_code == 302
    assert JourneyTemplate.objects.get().name == "Delivery pattern"


def test_panel_query_count(client, editor, shared_journey, link, django_assert_num_queries):
    client.force_login(editor)
    client.post(panel(shared_journey), {})
    client.get(panel(shared_journey))
    # session, user, journey, role, links (+ creators), the user's workspaces: any number of links
    with django_assert_num_queries(6):
        assert client.get(panel(shared_journey)).status_code == 200
