"""README pictures of the workspace pages on the demo data (manage.py seed_demo): the dashboard,
the touchpoint register, my work, the personas library, a map's funnel page and the dashboard in
Russian.
Written to docs/screenshots/ only with CJM_SCREENSHOTS=1 (else to a temporary directory)."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from cjm.models import FunnelReport, Workspace
from touchpoints.models import Touchpoint

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def sign_in(page: Page, live_server, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("demo12345")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def test_pages_screenshots(live_server, page: Page, screenshot_dir, seed_demo):
    seed_demo()
    workspace = Workspace.objects.get(slug="demo")
    report = FunnelReport.objects.get(
        journey__workspace=workspace, journey__title__startswith="B2B"
    )
    url = {
        "dashboard": reverse("cjm:workspace_detail", args=[workspace.pk]),
        "register": reverse("touchpoints:touchpoint_list", args=[workspace.pk]),
        "my_work": reverse("touchpoints:my_work", args=[workspace.pk]),
        "personas": reverse("personas:persona_list", args=[workspace.pk]),
        "funnel": reverse("cjm:funnel_detail", kwargs={"journey_id": report.journey_id}),
    }
    page.set_viewport_size({"width": 1440, "height": 1000})

    sign_in(page, live_server, "demo")
    expect(page.get_by_role("heading", name="Journey maps")).to_be_visible()
    page.screenshot(path=screenshot_dir / "dashboard.png", full_page=True)

    page.goto(live_server.url + url["register"])
    expect(page.get_by_role("heading", name="Touchpoint register")).to_be_visible()
    page.screenshot(path=screenshot_dir / "register.png")
    page.locator(".rating-toggle--awful").click()
    awful = page.locator(".rating-toggle--awful .rating-toggle__count").inner_text()
    expect(page.locator("#q1 ~ .answer-card__big")).to_have_text(awful)
    page.get_by_role("link", name="Importance").click()
    expect(page.locator(".sort-link.is-active")).to_have_text("Importance")
    page.mouse.move(0, 0)
    page.screenshot(path=screenshot_dir / "register-awful.png")

    page.goto(live_server.url + url["personas"])
    expect(page.locator(".persona-card").first).to_be_visible()
    page.screenshot(path=screenshot_dir / "personas.png")

    # The demo's funnel report is done: customers per stage, the stage that loses most, and
    # the touchpoints they leave at, the first of them one the team rated awful.
    first_exit = Touchpoint.objects.get(pk=report.result["exit_touchpoints"][0]["touchpoint"])
    assert first_exit.rating == "awful"
    page.set_viewport_size({"width": 1440, "height": 1400})
    page.goto(live_server.url + url["funnel"])
    expect(page.get_by_role("heading", name="Customers per stage")).to_be_visible()
    expect(page.locator(".funnel-exits__name").first).to_have_text(first_exit.name)
    page.wait_for_timeout(1200)  # the charts' animation
    page.screenshot(path=screenshot_dir / "funnel.png")
    page.set_viewport_size({"width": 1440, "height": 1000})

    sign_in(page, live_server, "olga")
    page.goto(live_server.url + url["my_work"])
    expect(page.get_by_role("heading", name="My actions")).to_be_visible()
    page.screenshot(path=screenshot_dir / "my-work.png")

    # Anna saved Russian in her settings: the whole interface follows.
    sign_in(page, live_server, "anna")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_role("heading", name="Карты пути клиента")).to_be_visible()
    page.screenshot(path=screenshot_dir / "dashboard-ru.png", full_page=True)
    page.goto(live_server.url + url["register"])
    expect(page.get_by_role("heading", name="Реестр точек контакта")).to_be_visible()
    page.screenshot(path=screenshot_dir / "register-ru.png")
