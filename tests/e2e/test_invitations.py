"""Browser: an admin invites by e-mail on the people page; the invitee opens the mailed link in a
second browser context, creates an account and lands in the workspace as a member; an action
assigned to the newcomer lights their bell, and the admin's bell tells of the acceptance."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Browser, Page, expect

from cjm.core.tenancy import Membership
from tests.factories import PASSWORD, JourneyFactory, StageFactory, TouchpointFactory
from touchpoints.services import action_create

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_invite_and_join_in_a_second_browser(
    live_server, page: Page, browser: Browser, workspace, ws_admin
):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Username").fill(ws_admin.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{live_server.url}/w/{workspace.pk}/")
    page.goto(f"{live_server.url}/w/{workspace.pk}/people/")
    page.get_by_label("E-mail addresses").fill("nora@example.com")
    page.get_by_label("Role").last.select_option("editor")
    page.get_by_role("button", name="Send invitations").click()
    expect(page.get_by_text("nora@example.com")).to_be_visible()

    link = re.search(r"http\S+/invitations/\S+/", mail.outbox[-1].body).group(0)
    invitee = browser.new_context().new_page()
    invitee.goto(link)
    invitee.get_by_label("Username").fill("nora")
    invitee.get_by_label("Password", exact=True).fill(PASSWORD)
    invitee.get_by_label("Password again").fill(PASSWORD)
    invitee.get_by_role("button", name="Create my account and join").click()
    expect(invitee).to_have_url(f"{live_server.url}/w/{workspace.pk}/")
    assert Membership.objects.get(workspace=workspace, user__username="nora").role == "editor"
    bell = invitee.get_by_test_id("bell-count")
    expect(bell).to_have_count(0)

    nora = Membership.objects.get(workspace=workspace, user__username="nora").user
    stage = StageFactory(journey=JourneyFactory(workspace=workspace))
    action_create(
        actor=ws_admin,
        touchpoint=TouchpointFactory(stage=stage),
        title="Fix the promo code",
        assignee=nora,
    )
    invitee.reload()
    expect(bell).to_have_text("1")
    invitee.locator("#notification-bell").click()
    expect(invitee.get_by_text("Fix the promo code")).to_be_visible()
    page.reload()
    expect(page.get_by_test_id("bell-count")).to_have_text("1")

    invitee.goto(link)
    expect(invitee.get_by_text("This invitation no longer works")).to_be_visible()
