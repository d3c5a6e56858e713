"""The map editor in a real browser: build a map, edit it inline, work a touchpoint in the drawer,
reorder by drag and drop and by keyboard; viewers read only; a stale edit gets the conflict."""

import datetime

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from cjm.choices import Role
from cjm.models import Journey
from cjm.services import journey_create
from tests.factories import PASSWORD, MembershipFactory, UserFactory
from touchpoints.services import touchpoint_create

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def sign_in(page: Page, live_server, user) -> None:
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).not_to_have_url(f"{live_server.url}/login/")


def new_journey(page: Page, live_server, workspace, editor, title: str) -> Journey:
    """Through the journey list's "new map" page when it exists, else with the service."""
    try:
        url = reverse("cjm:journey_create", kwargs={"workspace_id": workspace.pk})
    except NoReverseMatch:
        journey = journey_create(actor=editor, workspace=workspace, title=title)
        page.goto(f"{live_server.url}{reverse('cjm:journey_detail', args=[journey.pk])}")
        return journey
    page.goto(f"{live_server.url}{url}")
    form = page.locator(f"form[action='{url}']")
    form.locator("[name=title]").fill(title)
    form.locator("[name=stage_names]").fill("")
    form.get_by_role("button", name="Create the map").click()
    journey = Journey.objects.get(title=title)
    expect(page).to_have_url(f"{live_server.url}{reverse('cjm:journey_detail', args=[journey.pk])}")
    return journey


def drag(page: Page, handle: dict, to: tuple[float, float], steps: int = 20) -> None:
    """Drag like a person: press, move in small steps (the page gets time to follow), release."""
    x, y = handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    for step in range(1, steps + 1):
        page.mouse.move(x + (to[0] - x) * step / steps, y + (to[1] - y) * step / steps)
        page.wait_for_timeout(25)
    page.mouse.up()


def stage_names(page: Page):
    return page.locator("th.map__stage .map__stage-name")


def test_build_and_edit_a_map(live_server, page: Page, workspace, editor, screenshot_dir):
    editor.first_name, editor.last_name = "Eddie", "Editor"
    editor.save()
    maria = UserFactory(username="maria", first_name="Maria", last_name="Ivanova")
    MembershipFactory(workspace=workspace, user=maria, role=Role.EDITOR)
    sign_in(page, live_server, editor)
    journey = new_journey(page, live_server, workspace, editor, "Buying a sofa")

    # Three stages, added from the last column; then one renamed inline.
    for name in ("Awareness", "Purchase", "Delivery"):
        field = page.locator("#new-stage-name")
        field.fill(name)
        field.press("Enter")
        expect(stage_names(page).last).to_have_text(name)
    expect(stage_names(page)).to_have_text(["Awareness", "Purchase", "Delivery"])
    page.get_by_role("button", name="Purchase", exact=True).click()
    rename = page.get_by_label("Stage name")
    expect(rename).to_be_focused()
    rename.fill("Checkout")
    rename.press("Enter")
    expect(stage_names(page)).to_have_text(["Awareness", "Checkout", "Delivery"])
    # The same inline form tags the stage: moment of truth and purchase phase, saved on leaving.
    page.get_by_role("button", name="Checkout", exact=True).click()
    page.get_by_label("Moment of truth").select_option("fmot")
    page.get_by_label("Purchase phase").select_option("during")
    page.locator("h1").click()
    checkout = page.locator("th.map__stage").nth(1)
    expect(checkout.locator(".map__stage-tags")).to_have_text("FMOT During purchase")
    expect(checkout.locator("select")).to_have_count(0)

    # Type into a lane cell (Esc first to check that it cancels).
    goals = page.locator("tr.map__row--goals .cell-trigger").first
    goals.click()
    cell = page.locator("tr.map__row--goals textarea")
    expect(cell).to_be_focused()
    cell.fill("Thrown away")
    cell.press("Escape")
    expect(page.locator("tr.map__row--goals textarea")).to_have_count(0)
    expect(page.locator("tr.map__row--goals .cell-trigger").first).to_be_focused()
    page.locator("tr.map__row--goals .cell-trigger").first.click()
    cell = page.locator("tr.map__row--goals textarea")
    expect(cell).to_be_focused()
    cell.fill("Find a sofa that fits")
    cell.press("Enter")
    expect(page.locator("tr.map__row--goals td").first).to_have_text(
        "Edit Customer goals at Awareness: Find a sofa that fits"
    )

    # A touchpoint in the last stage: rated awful on its card, owner and action in the drawer.
    page.locator("tr.map__row--touchpoints .tp-add").last.click()
    name = page.get_by_label("Touchpoint name")
    expect(name).to_be_focused()
    name.fill("Delivery slot SMS")
    name.press("Enter")
    card = page.locator(".tp", has_text="Delivery slot SMS")
    expect(card).to_be_visible()
    card.locator("summary.tp__rating").click()
    card.get_by_role("button", name="Awful").click()
    card = page.locator(".tp", has_text="Delivery slot SMS")
    expect(card).to_have_class("tp tp--awful")

    card.get_by_role("link", name="Delivery slot SMS").click()
    drawer = page.locator("#drawer")
    expect(drawer.get_by_role("heading", name="Delivery slot SMS")).to_be_visible()
    drawer.get_by_label("Owner", exact=True).select_option(label="Maria Ivanova")
    drawer.get_by_role("button", name="Save touchpoint").click()
    expect(drawer.get_by_text("Saved.")).to_be_visible()
    expect(page.locator(".tp", has_text="Delivery slot SMS").locator(".tp__owner")).to_contain_text(
        "MI"
    )
    due = timezone.localdate() + datetime.timedelta(days=10)
    drawer.get_by_label("What will be done").fill("Send the slot a day ahead")
    drawer.get_by_label("Assignee").select_option(label="Maria Ivanova")
    drawer.get_by_label("Due date").fill(due.isoformat())
    drawer.get_by_role("button", name="Add action").click()
    expect(drawer.locator(".action__title")).to_have_text(["Send the slot a day ahead"])
    expect(
        page.locator(".tp", has_text="Delivery slot SMS").locator(".tp__actions")
    ).to_contain_text("1")
    page.screenshot(path=screenshot_dir / "editor-flow.png")
    page.keyboard.press("Escape")
    expect(drawer).to_be_hidden()

    # Drag the last stage to the front.
    expect(page.locator("tr[data-stage-row]")).to_have_attribute("data-sortable-ready", "1")
    page.evaluate("window.scrollTo(0, 0)")  # the drawer scrolled its card into view
    handle = page.locator("th.map__stage").last.locator(".stage-handle").bounding_box()
    target = page.locator("th.map__stage").first.bounding_box()
    # The columns move at once; wait for the server's answer before reloading (a reload would
    # cancel the request in flight).
    # Aim low on the header: while a stage is dragged the step row shows above the headers (a
    # drop there joins a step) and pushes them down by its height.
    with page.expect_response(lambda response: response.url.endswith("/move/")) as moved:
        drag(page, handle, (target["x"] + 20, target["y"] + target["height"] - 6))
    assert moved.value.status == 200
    expect(stage_names(page)).to_have_text(["Delivery", "Awareness", "Checkout"])

    # Everything persisted, in that order.
    page.reload()
    expect(stage_names(page)).to_have_text(["Delivery", "Awareness", "Checkout"])
    expect(page.locator("tr.map__row--goals td").nth(1)).to_contain_text("Find a sofa that fits")
    card = page.locator(".tp", has_text="Delivery slot SMS")
    expect(card).to_have_class("tp tp--awful")
    expect(page.locator("tr.map__row--touchpoints td").first).to_contain_text("Delivery slot SMS")
    expect(card.locator(".tp__owner")).to_contain_text("MI")
    touchpoint = journey.stages.get(name="Delivery").touchpoints.get()
    assert touchpoint.owner == maria and touchpoint.rating == "awful"
    action = touchpoint.actions.get()
    assert (action.assignee, action.due_date) == (maria, due)


def test_keyboard_moves_stage_and_card(live_server, page: Page, workspace, editor):
    journey = journey_create(
        actor=editor, workspace=workspace, title="Keys", stage_names=["One", "Two", "Three"]
    )
    touchpoint_create(actor=editor, stage=journey.stages.get(name="One"), name="Call centre")
    sign_in(page, live_server, editor)
    page.goto(f"{live_server.url}{reverse('cjm:journey_detail', args=[journey.pk])}")
    page.get_by_role("button", name="One", exact=True).focus()
    page.keyboard.press("Alt+ArrowRight")
    expect(stage_names(page)).to_have_text(["Two", "One", "Three"])
    expect(page.get_by_role("button", name="One", exact=True)).to_be_focused()
    page.get_by_role("link", name="Call centre").focus()
    page.keyboard.press("Alt+ArrowRight")
    expect(page.locator("tr.map__row--touchpoints td").nth(2)).to_contain_text("Call centre")
    # The same moves are in the menus.
    page.get_by_label("Stage actions: Three").click()
    page.get_by_role("button", name="Move left").click()
    expect(stage_names(page)).to_have_text(["Two", "Three", "One"])


def test_viewer_sees_the_map_without_edit_controls(live_server, page: Page, workspace, viewer):
    admin = UserFactory(username="boss")
    MembershipFactory(workspace=workspace, user=admin, role=Role.ADMIN)
    journey = journey_create(actor=admin, workspace=workspace, title="Read me", stage_names=["A"])
    touchpoint_create(actor=admin, stage=journey.stages.get(), name="Website")
    sign_in(page, live_server, viewer)
    page.goto(f"{live_server.url}{reverse('cjm:journey_detail', args=[journey.pk])}")
    expect(page.get_by_text("Read only")).to_be_visible()
    expect(page.locator(".tp", has_text="Website")).to_be_visible()
    for selector in (
        ".drag-handle",
        ".cell-trigger",
        ".inline-trigger",
        ".tp-add",
        "#new-stage-name",
    ):
        expect(page.locator(selector)).to_have_count(0)
    # No control writes to the map; exporting it (PDF/PNG) is reading, open to viewers too.
    writes = page.locator("[hx-post], [hx-delete]").and_(page.locator(":not(#export-panel *)"))
    expect(writes).to_have_count(0)
    expect(page.locator("#export-panel [hx-post]")).to_have_count(2)
    # The drawer opens read-only; a viewer may still comment.
    page.get_by_role("link", name="Website").click()
    drawer = page.locator("#drawer")
    expect(drawer.get_by_text("Customer reaction")).to_be_visible()
    expect(drawer.get_by_role("button", name="Save touchpoint")).to_have_count(0)
    drawer.get_by_role("textbox", name="Comment").fill("Looks fine to me")
    drawer.get_by_role("button", name="Comment").click()
    expect(drawer.locator(".comment__body")).to_have_text(["Looks fine to me"])


def test_two_people_edit_one_touchpoint(live_server, browser, workspace, editor, ws_admin):
    ws_admin.first_name, ws_admin.last_name = "Alice", "Admin"
    ws_admin.save()
    journey = journey_create(actor=editor, workspace=workspace, title="Shared", stage_names=["A"])
    touchpoint_create(actor=editor, stage=journey.stages.get(), name="Checkout")
    url = f"{live_server.url}{reverse('cjm:journey_detail', args=[journey.pk])}"
    pages = []
    for user in (ws_admin, editor):
        context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="en-GB")
        page = context.new_page()
        sign_in(page, live_server, user)
        page.goto(url)
        page.get_by_role("link", name="Checkout").click()
        expect(page.locator("#drawer").get_by_label("Name", exact=True)).to_have_value("Checkout")
        pages.append(page)
    first, second = pages
    first.locator("#drawer").get_by_label("Name", exact=True).fill("Checkout (one page)")
    first.get_by_role("button", name="Save touchpoint").click()
    expect(first.locator("#drawer").get_by_text("Saved.")).to_be_visible()

    second.locator("#drawer").get_by_label("Importance").fill("9")
    second.get_by_role("button", name="Save touchpoint").click()
    alert = second.locator("#editor-alert")
    expect(alert).to_contain_text("Alice Admin changed this")
    expect(alert).to_contain_text("was not saved")
    alert.get_by_role("link", name="Reload").click()
    expect(second.locator(".tp__name")).to_have_text(["Checkout (one page)"])
    touchpoint = journey.stages.get().touchpoints.get()
    assert (touchpoint.name, touchpoint.importance) == ("Checkout (one page)", 5)
    for page in pages:
        page.context.close()
