"""The user's settings: interface language (saved on the user) and the API token."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from cjm.accounts.models import LANGUAGE_SESSION_KEY, UserPreference
from tests.factories import PASSWORD, JourneyFactory

pytestmark = pytest.mark.django_db

SETTINGS = "/settings/"


def test_urls():
    assert reverse("cjm:settings") == SETTINGS
    assert reverse("cjm:language_set") == "/settings/language/"


@pytest.mark.parametrize("url", [SETTINGS, "/settings/language/", "/settings/token/"])
def test_anonymous_goes_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_page_shows_language_and_no_token(client, viewer):
    client.force_login(viewer)
    response = client.get(SETTINGS)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Русский" in html and "English" in html
    assert "You have no API token." in html


def test_saving_russian_switches_the_interface(client, workspace, viewer):
    client.force_login(viewer)
    next_url = reverse("cjm:workspace_detail", kwargs={"workspace_id": workspace.pk})
    response = client.post("/settings/language/", {"language": "ru", "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == next_url
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"
    assert UserPreference.objects.get(user=viewer).language == "ru"
    assert client.session[LANGUAGE_SESSION_KEY] == "ru"
    page = client.get(next_url)
    assert page["Content-Language"] == "ru"
    assert "Карты пути клиента" in page.content.decode()


def test_saved_language_follows_the_user_to_a_new_browser(workspace, viewer):
    UserPreference.objects.create(user=viewer, language="ru")
    browser = Client()  # no language cookie, English Accept-Language
    response = browser.post(
        reverse("login"), {"username": viewer.username, "password": PASSWORD}, follow=True
    )
    assert response.status_code == 200
    assert response["Content-Language"] == "ru"
    assert "Карты пути клиента" in response.content.decode()


def test_without_a_saved_language_the_browser_decides(client, workspace, viewer):
    client.force_login(viewer)
    url = reverse("cjm:workspace_detail", kwargs={"workspace_id": workspace.pk})
    assert client.get(url, headers={"accept-language": "ru"})["Content-Language"] == "ru"
    assert client.get(url, headers={"accept-language": "en"})["Content-Language"] == "en"


def test_unknown_language_is_refused_in_place(client, viewer):
    client.force_login(viewer)
    response = client.post("/settings/language/", {"language": "xx", "next": SETTINGS})
    assert response.status_code == 400
    assert "language" in response.context["form"].errors
    assert not UserPreference.objects.filter(user=viewer).exists()
    assert client.get("/settings/language/").status_code == 405


def test_topbar_switcher_posts_to_the_saving_view(client, workspace, viewer):
    JourneyFactory(workspace=workspace)
    client.force_login(viewer)
    response = client.get(reverse("cjm:workspace_detail", kwargs={"workspace_id": workspace.pk}))
    html = response.content.decode()
    assert 'action="/settings/language/"' in html
    assert 'name="language" value="ru"' in html


def test_token_is_shown_once_and_works(client, workspace, viewer):
    client.force_login(viewer)
    response = client.post("/settings/token/")
    assert response.status_code == 200
    key = Token.objects.get(user=viewer).key
    assert key in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    later = client.get(SETTINGS).content.decode()
    assert key not in later
    assert key[-4:] in later
    api = Client()
    answer = api.get("/api/v1/workspaces/", headers={"authorization": f"Token {key}"})
    assert answer.status_code == 200


def test_replacing_the_token_revokes_the_old_one(client, viewer):
    client.force_login(viewer)
    client.post("/settings/token/")
    old = Token.objects.get(user=viewer).key
    client.post("/settings/token/")
    new = Token.objects.get(user=viewer).key
    assert new != old
    api = Client()
    assert (
        api.get("/api/v1/workspaces/", headers={"authorization": f"Token {old}"}).status_code == 401
    )


def test_revoke(client, viewer, editor):
    Token.objects.create(user=editor)
    client.force_login(viewer)
    client.post("/settings/token/")
    response = client.post("/settings/token/revoke/", follow=True)
    assert response.status_code == 200
    assert not Token.objects.filter(user=viewer).exists()
    assert Token.objects.filter(user=editor).exists()  # only one's own token
    assert client.get("/settings/token/").status_code == 405
    response = client.post("/settings/token/revoke/", follow=True)
    assert "You had no API token." in response.content.decode()
