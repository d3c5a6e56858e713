"""What a person sees at phone, tablet and desktop widths on the demo workspace: the top bar's
menu, the filter panel, the touchpoint drawer, the map's sticky stage headers and lane names,
and the map printed on one A3 sheet."""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Page, expect

from cjm.models import Journey, Workspace

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


@pytest.fixture
def demo():
    """The demo workspace (its eight-stage Russian map is the tall one), without its history."""
    call_command("seed_demo", "--scale", "0.05", "--no-history", stdout=io.StringIO())
    workspace = Workspace.objects.get(slug="demo")
    journey = max(workspace.journeys.all(), key=lambda journey: journey.stages.count())
    return workspace, journey


def sign_in(page: Page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill("demo12345")
    page.locator("button[type=submit]").click()
    page.wait_for_load_state()


def test_phone_menu_filters_and_drawer(live_server, page: Page, demo):
    workspace, journey = demo
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_server, "demo")

    # The sections, the language switch and the account menu are behind the menu button.
    menu = page.get_by_role("button", name="Menu")
    nav = page.get_by_role("navigation", name="Workspace sections")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(nav).to_be_hidden()
    menu.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    for link in nav.get_by_role("link").all():
        expect(link).to_be_in_viewport()
    expect(page.get_by_role("button", name="RU")).to_be_in_viewport()
    page.get_by_label("Account menu").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_in_viewport()
    page.keyboard.press("Escape")  # closes the account menu first
    expect(menu).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Escape")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_focused()

    pages = {
        "dashboard": reverse("cjm:workspace_detail", args=[workspace.pk]),
        "register": reverse("touchpoints:touchpoint_list", args=[workspace.pk]),
        "feedback": reverse("feedback:overview", args=[workspace.pk]),
    }
    for name, url in pages.items():
        page.goto(live_server.url + url)
        assert page.evaluate(NO_SIDEWAYS_SCROLL), f"the {name} page scrolls sideways at 390 px"

    # On the register the filters fold into a panel.
    page.goto(live_server.url + pages["register"])
    search = page.locator("#register-form").get_by_label("Search", exact=True)
    expect(search).to_have_count(1)
    expect(search).to_be_hidden()
    page.get_by_role("button", name="Filters").click()
    expect(search).to_be_in_viewport()

    # The drawer covers the screen; its close button is on it.
    page.goto(live_server.url + reverse("cjm:journey_detail", args=[journey.pk]))
    page.locator(".tp__name").first.click()
    close = page.get_by_role("link", name="Close the touchpoint panel")
    expect(close).to_be_in_viewport(ratio=1)
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    close.click()
    expect(page.locator("#drawer")).to_be_hidden()


@pytest.mark.parametrize(
    "width, username",
    # anna reads Russian, the longest section names: at 1280 px they fold into the menu too.
    [(1024, "demo"), (1280, "anna"), (1440, "anna")],
)
def test_every_section_is_reachable_in_the_top_bar(live_server, page: Page, demo, width, username):
    page.set_viewport_size({"width": width, "height": 800})
    sign_in(page, live_server, username)
    nav = page.locator(".topnav")
    menu = page.locator("[data-topbar-toggle]")
    if menu.is_visible():
        menu.click()
    links = nav.get_by_role("link").all()
    assert len(links) == 9  # the nine sections, People and the activity log included
    for link in links:
        expect(link).to_be_in_viewport(ratio=1)
    # Nothing hides behind the bar's edge either.
    assert nav.evaluate("element => element.scrollWidth <= element.clientWidth")


def test_map_keeps_stage_headers_and_lane_names_in_view_and_prints_on_one_sheet(
    live_server, page: Page, demo
):
    workspace, journey = demo
    page.set_viewport_size({"width": 1440, "height": 800})
    sign_in(page, live_server, "demo")
    page.goto(live_server.url + reverse("cjm:journey_detail", args=[journey.pk]))
    grid = page.locator(".map-scroll")
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, 1500)
    page.mouse.wheel(1200, 0)
    page.wait_for_function(
        "() => { const g = document.querySelector('.map-scroll');"
        " return g.scrollTop > 300 && g.scrollLeft > 300; }"
    )

    def seen(locator) -> bool:
        """Is the element the one a person sees at its own centre (not covered, not away)?"""
        return locator.evaluate(
            "element => { const r = element.getBoundingClientRect();"
            " const hit = document.elementFromPoint(r.left + 20, r.top + r.height / 2);"
            " return Boolean(hit) && element.contains(hit); }"
        )

    def within(locator, axis: str, size: str) -> bool:
        """Is the element's start inside the grid's box on that axis (past the sticky parts)?"""
        at = locator.bounding_box()[axis]
        return box[axis] + 200 < at < box[axis] + box[size] - 50

    stage = next(s for s in page.locator(".map__stage").all() if within(s, "x", "width"))
    assert seen(stage), "the stage headers scrolled away"
    lane = next(lane for lane in page.locator(".map__lane").all() if within(lane, "y", "height"))
    assert seen(lane), "the lane names scrolled away"

    # Print: one A3 landscape sheet (the stages, pick-up's branch included, used to take three).
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
    assert Journey.objects.get(pk=journey.pk).stages.count() == 9  # courier and pick-up branches
