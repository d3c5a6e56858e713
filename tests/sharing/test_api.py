"""The sharing API per API_CONTRACT.md "Sharing and exchange": share links and templates."""

import pytest
from django.urls import reverse

from cjm.models import Journey
from cjm.sharing.models import JourneyTemplate, ShareLink
from tests.sharing.conftest import api_client

pytestmark = pytest.mark.django_db

LINKS = "/api/v1/journeys/{}/share-links/"


def test_create_list_revoke_share_link(editor, shared_journey, client):
    api = api_client(editor)
    created = api.post(LINKS.format(shared_journey.pk), {"expires_at": None}, format="json")
    assert created.status_code == 201
    body = created.json()
    assert {"id", "url", "expires_at", "revoked"} <= set(body)
    assert body["revoked"] is False and body["expires_at"] is None
    assert body["url"].startswith("http") and "/share/" in body["url"]
    path = body["url"].split("testserver", 1)[1]
    assert client.get(path).status_code == 200
    listed = api.get(LINKS.format(shared_journey.pk)).json()["results"]
    assert [item["id"] for item in listed] == [body["id"]]
    assert api.delete(f"/api/v1/share-links/{body['id']}/").status_code == 204
    assert client.get(path).status_code == 404
    assert api.get(LINKS.format(shared_journey.pk)).json()["results"][0]["revoked"] is True


def test_expiry_in_the_past_is_400(editor, shared_journey):
    response = api_client(editor).post(
        LINKS.format(shared_journey.pk), {"expires_at": "2000-01-01T00:00:00Z"}, format="json"
    )
    assert response.status_code == 400
    assert "expires_at" in response.json()
    assert not ShareLink.objects.exists()


def test_viewer_cannot_create_or_revoke(viewer, editor, shared_journey, link):
    api = api_client(viewer)
    assert api.post(LINKS.format(shared_journey.pk), {}, format="json").status_code == 403
    assert api.delete(f"/api/v1/share-links/{link.pk}/").status_code == 403
    assert not ShareLink.objects.get(pk=link.pk).revoked


def test_other_workspace_is_404(outsider, shared_journey, link):
    api = api_client(outsider)
    assert api.get(LINKS.format(shared_journey.pk)).status_code == 404
    assert api.post(LINKS.format(shared_journey.pk), {}, format="json").status_code == 404
    assert api.delete(f"/api/v1/share-links/{link.pk}/").status_code == 404
    assert (
        api.post(
            f"/api/v1/journeys/{shared_journey.pk}/save-as-template/", {"name": "X"}, format="json"
        ).status_code
        == 404
    )


def test_share_link_list_query_count(editor, shared_journey, link, django_assert_num_queries):
    api = api_client(editor)
    api.post(LINKS.format(shared_journey.pk), {}, format="json")
    fresh = api_client(type(editor).objects.get(pk=editor.pk))  # no cached role
    # journey, role, count, links (+ creators)
    with django_assert_num_queries(4):
        assert len(fresh.get(LINKS.format(shared_journey.pk)).json()["results"]) == 2


def test_templates_list_and_create_from_template(editor, workspace):
    api = api_client(editor)
    items = api.get("/api/v1/templates/").json()["results"]
    assert {"id", "name", "language", "builtin", "stages"} <= set(items[0])
    builtin = {item["id"] for item in items if item["builtin"]}
    assert {"online_store:en", "online_store:ru", "service_blueprint:ru"} <= builtin
    ru = next(item for item in items if item["id"] == "b2b_service:ru")
    created = api.post(
        "/api/v1/journeys/",
        {"workspace": workspace.pk, "title": "Сделка", "template": ru["id"]},
        format="json",
    )
    assert created.status_code == 201, created.json()
    journey = Journey.objects.get(pk=created.json()["id"])
    assert [s.name for s in journey.stages.order_by("position")] == ru["stages"]
    bad = api.post(
        "/api/v1/journeys/",
        {"workspace": workspace.pk, "title": "X", "template": "nope"},
        format="json",
    )
    assert bad.status_code == 400 and "template" in bad.json()


def test_save_as_template_via_api(editor, viewer, shared_journey, other_workspace, outsider):
    url = f"/api/v1/journeys/{shared_journey.pk}/save-as-template/"
    assert api_client(viewer).post(url, {"name": "T"}, format="json").status_code == 403
    saved = api_client(editor).post(url, {"name": "Our delivery"}, format="json")
    assert saved.status_code == 201
    body = saved.json()
    assert body["builtin"] is False and body["stages"] == ["Choose", "Receive"]
    own = api_client(editor).get("/api/v1/templates/").json()["results"]
    assert body["id"] in {item["id"] for item in own}
    # Invisible to, and unusable from, another workspace.
    other = api_client(outsider)
    assert body["id"] not in {i["id"] for i in other.get("/api/v1/templates/").json()["results"]}
    response = other.post(
        "/api/v1/journeys/",
        {"workspace": other_workspace.pk, "title": "X", "template": body["id"]},
        format="json",
    )
    assert response.status_code == 400
    assert JourneyTemplate.objects.count() == 1


def test_template_list_query_count(editor, shared_journey, django_assert_num_queries):
    api_client(editor).post(
        f"/api/v1/journeys/{shared_journey.pk}/save-as-template/", {"name": "A"}, format="json"
    )
    with django_assert_num_queries(1):
        api_client(editor).get("/api/v1/templates/")


def test_urls_reverse():
    assert reverse("sharing-api:template-list") == "/api/v1/templates/"


def test_template_list_rejects_bad_filters(editor):
    api = api_client(editor)
    assert api.get("/api/v1/templates/?language=xx").status_code == 400
    assert api.get("/api/v1/templates/?workspace=abc").status_code == 400
    ru = api.get("/api/v1/templates/?language=ru").json()["results"]
    assert ru and {item["language"] for item in ru} == {"ru"}


def test_share_link_with_password_via_api(editor, shared_journey, client):
    created = api_client(editor).post(
        LINKS.format(shared_journey.pk), {"password": "open-sesame"}, format="json"
    )
    assert created.status_code == 201
    body = created.json()
    assert body["has_password"] is True and "password" not in body
    path = body["url"].split("testserver", 1)[1]
    assert "Product page" not in client.get(path).content.decode()
    assert client.post(path, {"password": "open-sesame"}).status_code == 302
    assert "Product page" in client.get(path).content.decode()
