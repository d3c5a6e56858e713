"""README pictures of the map editor on the demo data (manage.py seed_demo): the map, the whole
map down to its metrics lane (the demo's funnel report), and the map with a touchpoint's drawer
open. Written to docs/screenshots/ only with CJM_SCREENSHOTS=1."""

import pytest
from django.db.models import Count
from django.urls import reverse
from playwright.sync_api import Page, expect

from cjm.models import FunnelReport, Journey
from touchpoints.models import Touchpoint

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_editor_screenshots(live_server, page: Page, screenshot_dir, seed_demo):
    seed_demo()
    journey = Journey.objects.filter(workspace__slug="demo").order_by("title").first()
    touchpoint = (
        Touchpoint.objects.filter(stage__journey=journey, rating="awful", is_critical=True)
        .annotate(n=Count("actions"))
        .order_by("-n", "stage__position", "position")
        .first()
    )
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Username").fill("demo")
    page.get_by_label("Password").fill("demo12345")
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server.url}{reverse('cjm:journey_detail', args=[journey.pk])}")
    expect(page.locator("th.map__stage")).to_have_count(journey.stages.count())
    page.screenshot(path=screenshot_dir / "editor.png")

    # The metrics lane: customers per stage from the funnel report, the worst stage marked.
    report = FunnelReport.objects.get(journey=journey)
    metrics = page.locator("td.map__cell--metrics")
    expect(metrics).to_have_count(journey.stages.count())
    entered = str(report.result["stages"][0]["entered"])
    expect(metrics.first.locator("dd").first).to_have_text(entered)
    expect(page.locator(".metrics__worst")).to_have_count(1)
    page.mouse.move(0, 0)
    page.screenshot(path=screenshot_dir / "map-metrics.png", full_page=True)

    card = page.locator(f"#tp-{touchpoint.pk}")
    card.scroll_into_view_if_needed()
    card.get_by_role("link", name=touchpoint.name).click()
    expect(page.locator("#drawer").get_by_role("heading", name=touchpoint.name)).to_be_visible()
    page.evaluate("window.scrollTo(0, 0)")
    page.mouse.move(0, 0)
    page.screenshot(path=screenshot_dir / "editor-drawer.png")
