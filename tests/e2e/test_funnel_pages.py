"""The funnel page in a real browser: an editor requests a report and sees the chart, follows an
exit touchpoint to the customers who left there and opens one customer's timeline."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.cjm.test_funnel_pages import funnel_data
from tests.e2e.test_editor import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_request_a_report_and_follow_the_leavers(page: Page, live_server, workspace, editor):
    journey, _stages, _touchpoints = funnel_data(workspace, editor, customers=12)
    sign_in(page, live_server, editor)
    page.goto(live_server.url + reverse("cjm:funnel_detail", kwargs={"journey_id": journey.pk}))
    expect(page.get_by_text("No funnel report yet")).to_be_visible()
    page.get_by_role("button", name="Compute the funnel").click()
    expect(page.locator("canvas[data-funnel-chart]")).to_be_visible()
    rows = page.locator(".funnel-table").first.locator("tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0).locator("td").first).to_have_text("12")
    assert page.evaluate("() => !!window.Chart && document.querySelectorAll('canvas').length")
    page.locator(".funnel-exits__count").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Customers who left at")
    page.locator("#dropped-customers tbody a").first.click()
    expect(page.locator(".timeline__item")).to_have_count(1)
