"""Two people on one map, each in a browser: presence, live edits, the typing user's cell."""

import json
import urllib.request
from pathlib import Path

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect
from rest_framework.authtoken.models import Token

from tests.factories import JourneyFactory, LaneFactory, StageFactory, TouchpointFactory
from touchpoints.choices import Rating

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots_live")
FAST = 2000  # ms: "within a second or two"


def open_map(browser: Browser, server, user, journey, *, width=1440, height=900, locale="en"):
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    context = browser.new_context(viewport={"width": width, "height": height}, locale=locale)
    context.add_cookies(
        [
            {"name": "sessionid", "value": session.session_key, "url": server.url},
            {"name": "django_language", "value": locale, "url": server.url},
        ]
    )
    page = context.new_page()
    page.goto(server.url + reverse("cjm:journey_detail", args=[journey.pk]))
    return page


def avatars(page: Page):
    return page.locator(".live-presence__people .live-avatar")


@pytest.fixture
def board(workspace, editor, ws_admin):
    editor.first_name, editor.last_name = "Anna", "Smirnova"
    editor.save()
    ws_admin.first_name, ws_admin.last_name = "Boris", "Ivanov"
    ws_admin.save()
    journey = JourneyFactory(workspace=workspace, title="Buying a sofa")
    stages = [
        StageFactory(journey=journey, name=name, position=i)
        for i, name in enumerate(["Find", "Buy"])
    ]
    lane = LaneFactory(journey=journey, name="Doing")
    touchpoint = TouchpointFactory(stage=stages[0], name="Showroom visit", rating=Rating.SO_SO)
    return journey, stages, lane, touchpoint


def test_two_people_see_each_other_and_each_others_edits(
    browser, asgi_server, board, editor, ws_admin
):
    journey, stages, lane, touchpoint = board
    anna = open_map(browser, asgi_server, editor, journey)
    boris = open_map(browser, asgi_server, ws_admin, journey)

    # Presence: both avatars on both pages.
    expect(avatars(anna)).to_have_count(2, timeout=5000)
    expect(avatars(boris)).to_have_count(2, timeout=5000)
    expect(boris.locator(".live-avatar[title^='Anna Smirnova']")).to_have_count(1)

    # A cell's text, typed by Anna, appears for Boris.
    cell = f"#cell-{lane.pk}-{stages[0].pk}"
    anna.locator(f"{cell} .cell-trigger").click()
    anna.locator(f"{cell} textarea").fill("Compares three sofas")
    anna.locator(f"{cell} textarea").press("Enter")
    expect(boris.locator(cell)).to_contain_text("Compares three sofas", timeout=FAST)

    # A rating from the card's pill.
    card = f"#tp-{touchpoint.pk}"
    anna.locator(f"{card} .tp__rating-menu summary").click()
    anna.locator(f"{card} .tp__rating-menu button[value='awful']").click()
    expect(boris.locator(f"{card}.tp--awful")).to_have_count(1, timeout=FAST)

    # A touchpoint moved to the next stage with Alt + arrow.
    anna.locator(f"{card} [data-move-key]").focus()
    anna.keyboard.press("Alt+ArrowRight")
    expect(boris.locator(f"#map-grid td:nth-child(3) {card}")).to_have_count(1, timeout=FAST)

    # A new stage.
    anna.locator("#new-stage-name").fill("Deliver")
    anna.locator("#new-stage-name").press("Enter")
    expect(boris.locator("th.map__stage", has_text="Deliver")).to_have_count(1, timeout=FAST)

    # An edit through the API shows too, and Boris, half-way through naming a stage of his own,
    # keeps what he typed while his map refreshes around it.
    boris.locator("#new-stage-name").fill("Retu")
    token, _ = Token.objects.get_or_create(user=editor)
    request = urllib.request.Request(
        f"{asgi_server.url}/api/v1/touchpoints/{touchpoint.pk}/",
        data=json.dumps({"name": "Showroom visit with kids"}).encode(),
        method="PATCH",
        headers={"Authorization": f"Token {token.key}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310 - our test server
        assert answer.status == 200
    expect(boris.locator(card)).to_contain_text("Showroom visit with kids", timeout=FAST)
    expect(anna.locator(card)).to_contain_text("Showroom visit with kids", timeout=FAST)
    expect(boris.locator("#new-stage-name")).to_have_value("Retu")
    expect(boris.locator("#new-stage-name")).to_be_focused()
    boris.locator("#new-stage-name").fill("")

    # Boris types in a cell; Anna changes the same cell: his text stays, with a calm notice.
    other = f"#cell-{lane.pk}-{stages[1].pk}"
    boris.locator(f"{other} .cell-trigger").click()
    boris.locator(f"{other} textarea").fill("Boris is still typing")
    expect(anna.locator(f"{other}.live-editing")).to_have_count(1, timeout=FAST)
    expect(anna.locator(f"{other}.live-editing")).to_have_attribute(
        "data-live-editor", "Boris Ivanov"
    )
    anna.locator(f"{other} .cell-trigger").click()
    anna.locator(f"{other} textarea").fill("Pays by card")
    anna.locator(f"{other} textarea").press("Enter")
    expect(boris.locator(f"{other} .live-notice")).to_contain_text("Anna Smirnova", timeout=FAST)
    expect(boris.locator(f"{other} textarea")).to_have_value("Boris is still typing")
    # Nothing around the cell moved: the lane's name still heads its row, the cells follow.
    expect(boris.locator(f"#lane-{lane.pk} > th:first-child")).to_have_id(f"lane-head-{lane.pk}")
    expect(boris.locator(f"#lane-{lane.pk} > td").nth(1)).to_have_id(other[1:])
    SHOTS.mkdir(parents=True, exist_ok=True)
    boris.screenshot(path=str(SHOTS / "live_notice_1440_en.png"))
    boris.locator(f"{other} [data-live-theirs]").click()
    expect(boris.locator(other)).to_contain_text("Pays by card")

    # Anna closes her tab: Boris sees her leave.
    anna.context.close()
    expect(avatars(boris)).to_have_count(1, timeout=5000)


@pytest.mark.parametrize(
    ("width", "height", "locale"),
    [(1440, 900, "en"), (1440, 900, "ru"), (390, 844, "en"), (390, 844, "ru")],
)
def test_screenshots_with_two_people(
    browser, asgi_server, board, editor, ws_admin, width, height, locale
):
    journey, stages, lane, touchpoint = board
    anna = open_map(
        browser, asgi_server, editor, journey, width=width, height=height, locale=locale
    )
    boris = open_map(
        browser, asgi_server, ws_admin, journey, width=width, height=height, locale=locale
    )
    expect(avatars(boris)).to_have_count(2, timeout=5000)
    cell = f"#cell-{lane.pk}-{stages[0].pk}"
    anna.locator(f"{cell} .cell-trigger").click()
    expect(boris.locator(f"{cell}.live-editing")).to_have_count(1, timeout=FAST)
    SHOTS.mkdir(parents=True, exist_ok=True)
    boris.screenshot(path=str(SHOTS / f"live_map_{width}_{locale}.png"))
    anna.context.close()
    boris.context.close()
