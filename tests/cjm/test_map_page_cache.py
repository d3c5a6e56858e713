"""The map page is drawn once per map revision, language and edit rights (cjm/views/map_page.py)
and never shows a stale map, someone else's CSRF token, or edit controls to a viewer."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cjm.accounts import services as account_services
from cjm.models import Stage
from cjm.views.map_page import _csrf_placeholder
from tests.api.conftest import build_world
from tests.api.map_changes import CASES
from tests.cjm.editor_helpers import editor_map
from tests.factories import MembershipFactory, UserFactory
from tests.feedback.factories import ResponseFactory, TransactionalSurveyFactory
from touchpoints import services as tp

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ANY_TOKEN = re.compile(r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+')


def page(client, journey, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("cjm:journey_detail", args=[journey.pk]), headers=headers)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


@pytest.fixture
def journey(workspace, editor):
    return editor_map(workspace, editor, stages=3, touchpoints_per_stage=2)


def test_a_second_visit_is_drawn_from_the_cache_with_fewer_queries(client, journey, editor):
    client.force_login(editor)
    first, drawn = page(client, journey)
    second, cached = page(client, journey)
    # Session, user, the journey with its revision, the role, three for the feedback badges,
    # the workspace switcher: the map itself is not read again.
    assert cached == 8 < drawn
    assert ANY_TOKEN.sub("", first) == ANY_TOKEN.sub("", second)
    assert "Map touchpoint 2.1" in second


def test_each_visitor_gets_their_own_csrf_token_and_can_post_with_it(journey, editor, workspace):
    alice = Client(enforce_csrf_checks=True)
    alice.force_login(editor)
    alice_page, _ = page(alice, journey)
    other = UserFactory(username="bob_editor")
    MembershipFactory(workspace=workspace, user=other, role="editor")
    bob = Client(enforce_csrf_checks=True)
    bob.force_login(other)
    bob_page, _ = page(bob, journey)  # from the cache Alice's visit filled
    assert _csrf_placeholder() not in bob_page
    assert set(TOKEN.findall(bob_page)).isdisjoint(TOKEN.findall(alice_page))
    token = TOKEN.findall(bob_page)[0]
    added = bob.post(
        reverse("cjm:stage_list", args=[journey.pk]),
        {"name": "Added by Bob", "csrfmiddlewaretoken": token},
    )
    assert added.status_code in (200, 302), added.status_code
    assert Stage.objects.filter(journey=journey, name="Added by Bob").exists()


def test_viewers_and_editors_and_languages_get_their_own_pages(client, journey, editor, viewer):
    client.force_login(editor)
    edit_page, _ = page(client, journey)
    client.force_login(viewer)
    read_page, _ = page(client, journey)
    assert "map--editable" in edit_page and "map--editable" not in read_page
    assert "Add touchpoint" in edit_page and "Add touchpoint" not in read_page
    russian, _ = page(client, journey, **{"Accept-Language": "ru"})
    assert "Только чтение" in russian and "Read only" in read_page


@pytest.mark.parametrize("case", CASES, ids=[case.__name__ for case in CASES])
def test_the_page_is_drawn_again_after_every_change_to_the_map(case, client, workspace):
    """The same writes as the API's ETag test; the page afterwards equals a freshly drawn one."""
    admin = UserFactory(username="ada_admin")
    MembershipFactory(workspace=workspace, user=admin, role="admin")
    w = build_world(workspace, editor=admin)
    w.admin, w.colleague = admin, UserFactory(username="cy_colleague")
    MembershipFactory(workspace=workspace, user=w.colleague, role="editor")
    write = case(w)
    client.force_login(admin)
    page(client, w.journey)
    write()
    after, _ = page(client, w.journey)
    cache.clear()
    fresh, _ = page(client, w.journey)
    assert ANY_TOKEN.sub("", after) == ANY_TOKEN.sub("", fresh)


def test_new_feedback_moves_the_badge_without_a_write_to_the_map(client, journey, editor):
    touchpoint = Stage.objects.get(journey=journey, position=0).touchpoints.first()
    client.force_login(editor)
    before, _ = page(client, journey)
    assert "tp__feedback" not in before
    survey = TransactionalSurveyFactory(workspace=journey.workspace, touchpoint=touchpoint)
    for score in [0, 1, 2]:
        ResponseFactory(survey=survey, score=score)
    after, _ = page(client, journey)
    assert "tp__feedback" in after and "from 3 survey answers" in after


def test_a_renamed_touchpoint_shows_at_once(client, journey, editor):
    touchpoint = Stage.objects.get(journey=journey, position=1).touchpoints.first()
    client.force_login(editor)
    page(client, journey)
    tp.touchpoint_update(actor=editor, touchpoint=touchpoint, name="Renamed card")
    after, _ = page(client, journey)
    assert "Renamed card" in after


def test_a_renamed_workspace_heads_its_maps_at_once(client, journey, editor, ws_admin, workspace):
    client.force_login(editor)
    page(client, journey)
    account_services.workspace_update(actor=ws_admin, workspace=workspace, name="Acme Group")
    after, _ = page(client, journey)
    breadcrumbs = after[after.index('class="breadcrumbs"') :].split("</ol>")[0]
    assert "Acme Group" in breadcrumbs
