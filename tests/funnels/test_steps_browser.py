"""The funnel page of a map with steps in a real browser (English and Russian, wide and
narrow): the chart draws one bar per step with the branches inside, the optional step marked,
the skipped customers beside it, and the tables show steps. Screenshots go to
$FUNNEL_STEPS_SHOTS (default: pytest's temporary directory)."""

import os
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from cjm.funnels.services.funnels import funnel_report_request
from cjm.models import Stage
from tests.e2e.conftest import browser_context_args, browser_type_launch_args  # noqa: F401
from tests.factories import PASSWORD
from tests.funnels.test_steps_scripted import scripted  # noqa: F401

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NAMES = ["Search", "Compare offers", "Courier", "Pick-up", "Pay", "Review"]


def test_funnel_chart_with_steps(browser, live_server, scripted, editor, tmp_path):  # noqa: F811
    world, definition = scripted
    for stage, name in zip(world.stages, NAMES, strict=True):
        Stage.objects.filter(pk=stage.pk).update(name=name)
    report = funnel_report_request(
        actor=editor,
        journey=world.journey,
        date_from=definition.date_from,
        date_to=definition.date_to,
        conversion_window_days=definition.conversion_window_days,
    )
    report.refresh_from_db()
    assert report.status == "done"
    shots = Path(os.environ.get("FUNNEL_STEPS_SHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    url = live_server.url + reverse("cjm:funnel_detail", kwargs={"journey_id": world.journey.pk})
    for locale, optional_word in [("en-GB", "optional"), ("ru-RU", "необязательно")]:
        context = browser.new_context(locale=locale, viewport={"width": 1440, "height": 900})
        page = context.new_page()
        page.goto(f"{live_server.url}/login/")
        page.locator("#id_username").fill(editor.username)
        page.locator("#id_password").fill(PASSWORD)
        page.locator("form button[type=submit]").click()
        page.wait_for_load_state()
        page.goto(url)
        steps = page.locator(".funnel-steps tbody tr")
        expect(steps).to_have_count(5)
        expect(steps.nth(1)).to_contain_text(optional_word)
        expect(steps.nth(1).locator("td").nth(3)).to_have_text("30")  # skipped
        expect(steps.nth(2)).to_contain_text("Courier / Pick-up")
        stage_rows = page.locator(".funnel-table:not(.funnel-steps):not(.funnel-breakdown)")
        expect(stage_rows.first.locator("tbody tr").nth(2)).to_contain_text("3")  # the step
        drawn = page.evaluate(
            """() => {
                const canvas = document.querySelector("canvas[data-funnel-chart]");
                const chart = window.Chart && window.Chart.getChart(canvas);
                return chart ? chart.data.datasets.map(d => d.data) : null;
            }"""
        )
        assert drawn == [
            [75, 35, 30, 40, 40],
            [None, None, 30, None, None],
            [None, 30, None, None, None],
        ]
        card = page.locator(".funnel-card")
        card.screenshot(path=str(shots / f"funnel-steps-{locale}-1440.png"))
        page.set_viewport_size({"width": 390, "height": 844})
        page.wait_for_timeout(300)
        card.screenshot(path=str(shots / f"funnel-steps-{locale}-390.png"))
        context.close()
