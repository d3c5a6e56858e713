"""Standard lanes follow the reader's language until someone renames them."""

import pytest
from django.urls import reverse
from django.utils import translation
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from cjm.accounts.models import UserPreference
from cjm.choices import LaneKind
from cjm.services import journey_create, lane_create, lane_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def english_map(workspace, editor):
    # Made by an English-speaking editor: the lanes are stored with their English names.
    with translation.override("en"):
        return journey_create(
            actor=editor, workspace=workspace, title="Checkout", stage_names=["Buy"]
        )


def map_html(client, journey, language):
    url = reverse("cjm:journey_detail", args=[journey.pk])
    return client.get(url, headers={"accept-language": language}).content.decode()


def test_standard_lanes_follow_the_reader_unless_renamed(client, english_map, editor, viewer):
    goals = english_map.lanes.get(kind=LaneKind.GOALS)
    assert goals.name == "Customer goals"
    pains = english_map.lanes.get(kind=LaneKind.PAINS)
    lane_update(actor=editor, lane=pains, name="What hurts")
    UserPreference.objects.create(user=viewer, language="ru")
    client.force_login(viewer)
    html = map_html(client, english_map, "ru")
    assert "Цели клиента" in html and "Customer goals" not in html
    assert "Точки контакта" in html
    assert "What hurts" in html  # renamed: kept as typed, in every language


def test_a_russian_default_name_reads_in_english(client, english_map, editor):
    thoughts = english_map.lanes.get(kind=LaneKind.THOUGHTS)
    lane_update(actor=editor, lane=thoughts, name="Мысли")
    client.force_login(editor)
    html = map_html(client, english_map, "en")
    assert ">Thoughts<" in html and "Мысли" not in html


def test_a_custom_lane_named_like_a_standard_one_keeps_its_name(english_map, editor):
    lane = lane_create(actor=editor, journey=english_map, name="Thoughts")
    with translation.override("ru"):
        assert lane.display_name == "Thoughts"


def test_rename_form_offers_the_name_the_reader_sees(client, english_map, editor):
    goals = english_map.lanes.get(kind=LaneKind.GOALS)
    client.force_login(editor)
    url = reverse("cjm:lane_edit", args=[goals.pk])
    html = client.get(url, headers={"accept-language": "ru", "HX-Request": "true"}).content
    assert 'value="Цели клиента"' in html.decode()


def test_api_name_is_the_stored_name_in_every_language(english_map, editor):
    # Clients see the name as stored (stable for scripts); the pages translate defaults.
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=editor).key}")
    goals = english_map.lanes.get(kind=LaneKind.GOALS)
    url = reverse("cjm-api:lane-detail", args=[goals.pk])
    assert api.get(url, headers={"accept-language": "ru"}).json()["name"] == "Customer goals"
