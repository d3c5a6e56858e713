"""Browser: @mention autocomplete in the drawer's comment box, the mention it sends, the bell."""

import pytest
from playwright.sync_api import Page, expect

from cjm.notifications.models import Notification
from tests.e2e.test_pages import sign_in
from tests.factories import TouchpointFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_mention_autocomplete_notifies_the_member_and_lights_their_bell(
    live_server, page: Page, workspace, editor, viewer, outsider
):
    touchpoint = TouchpointFactory(stage__journey__workspace=workspace, name="Courier call")
    sign_in(page, live_server, editor)
    page.goto(f"{live_server.url}/touchpoints/{touchpoint.pk}/")
    box = page.locator("form[data-mentions-url] textarea")
    box.click()
    box.press_sequentially("Could you check this, @ve", delay=20)
    options = page.locator(".mention-list li")
    expect(options).to_have_count(1)
    expect(options.first).to_contain_text("@vera_viewer")
    box.press("Enter")
    expect(box).to_have_value("Could you check this, @vera_viewer ")
    box.press_sequentially("@osc", delay=20)  # not a member here: nobody offered
    page.wait_for_timeout(500)
    expect(page.locator(".mention-list")).to_have_count(0)
    page.get_by_role("button", name="Comment").click()
    expect(page.locator(".comment__body").first).to_contain_text("@vera_viewer")
    assert list(Notification.objects.values_list("recipient__username", "kind")) == [
        ("vera_viewer", "mentioned")
    ]

    page.context.clear_cookies()
    sign_in(page, live_server, viewer)
    expect(page.get_by_test_id("bell-count")).to_have_text("1")
