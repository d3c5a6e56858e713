"""Browser tests of the workspace pages: the language switch shows the Russian interface; the
register filters by rating and sorts, downloads what it shows, opens a touchpoint's drawer on its
map; my work changes an action's status in place."""

import csv
import datetime
import io
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from cjm.accounts.models import UserPreference
from tests.factories import (
    PASSWORD,
    ActionFactory,
    JourneyFactory,
    StageFactory,
    TouchpointFactory,
)
from touchpoints.choices import ActionStatus, Rating
from touchpoints.models import ImprovementAction

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def sign_in(page: Page, live_server, user) -> None:
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("navigation", name="Workspace sections")).to_be_visible()


def small_workspace(workspace, owner):
    journey = JourneyFactory(workspace=workspace, title="Online order")
    search = StageFactory(journey=journey, name="Search", position=0)
    pay = StageFactory(journey=journey, name="Pay", position=1)
    touchpoints = {
        "Catalogue": TouchpointFactory(stage=search, name="Catalogue", rating=Rating.EXCELLENT),
        "Filters": TouchpointFactory(stage=search, name="Filters", rating=Rating.SO_SO),
        "Checkout": TouchpointFactory(
            stage=pay, name="Checkout", rating=Rating.AWFUL, importance=6, owner=owner
        ),
        "Card form": TouchpointFactory(
            stage=pay, name="Card form", rating=Rating.AWFUL, importance=9, is_critical=True
        ),
        "Receipt": TouchpointFactory(stage=pay, name="Receipt"),
    }
    return journey, touchpoints


def test_language_switch_shows_the_russian_interface(live_server, page: Page, workspace, editor):
    small_workspace(workspace, editor)
    sign_in(page, live_server, editor)
    page.wait_for_load_state()
    nav = page.get_by_role("navigation", name="Workspace sections")
    expect(nav.get_by_role("link", name="Register")).to_be_visible()
    expect(page.get_by_role("heading", name="Journey maps")).to_be_visible()

    page.get_by_role("button", name="RU").click()
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    nav = page.get_by_role("navigation", name="Разделы рабочего пространства")
    expect(nav.get_by_role("link", name="Реестр")).to_be_visible()
    expect(nav.get_by_role("link", name="Мои задачи")).to_be_visible()
    expect(page.get_by_role("heading", name="Карты пути клиента")).to_be_visible()
    expect(page.get_by_role("button", name="RU")).to_have_attribute("aria-pressed", "true")
    assert UserPreference.objects.get(user=editor).language == "ru"

    # Every page follows, and the register speaks Russian too.
    nav.get_by_role("link", name="Реестр").click()
    expect(page.get_by_role("heading", name="Реестр точек контакта")).to_be_visible()
    expect(page.get_by_text("Кто отвечает?")).to_be_visible()

    # Back to English.
    page.get_by_role("button", name="EN").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Touchpoint register")).to_be_visible()


def wait_for_htmx(page: Page) -> None:
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling, "
        ".htmx-added')"
    )


def test_register_filters_by_rating_and_sorts(live_server, page: Page, workspace, editor):
    journey, touchpoints = small_workspace(workspace, editor)
    sign_in(page, live_server, editor)
    page.get_by_role("navigation", name="Workspace sections").get_by_role(
        "link", name="Register"
    ).click()
    rows = page.locator(".register-table tbody tr")
    expect(rows).to_have_count(5)
    page.wait_for_load_state()  # htmx (a deferred script) is ready

    awful = page.locator(".rating-toggle--awful")
    expect(awful.locator(".rating-toggle__count")).to_have_text("2")
    awful.click()
    expect(rows).to_have_count(2)
    expect(page).to_have_url(f"{live_server.url}/w/{workspace.pk}/touchpoints/?rating=awful")
    expect(rows.locator(".table__primary")).to_have_text(["Checkout", "Card form"])
    expect(page.locator(".rating-toggle--awful input")).to_be_checked()
    # The counts per rating stay (they ignore the rating filter); question 1 counts the selection.
    expect(page.locator(".rating-toggle--excellent .rating-toggle__count")).to_have_text("1")
    expect(page.locator("#q1 ~ .answer-card__big")).to_have_text("2")

    wait_for_htmx(page)
    # Sort by importance: the card form (9) comes before the checkout (6).
    page.get_by_role("link", name="Importance").click()
    expect(rows.locator(".table__primary")).to_have_text(["Card form", "Checkout"])
    wait_for_htmx(page)  # the swapped-in filter bar listens only once htmx has settled

    # A further filter from the bar: only mine.
    page.get_by_label("Owner", exact=True).select_option("me")
    expect(rows).to_have_count(1)
    expect(rows.locator(".table__primary")).to_have_text(["Checkout"])

    # The CSV download follows the filters set through htmx (no reload): the same one row.
    export = page.locator("#register-export")
    expect(export).to_have_attribute("href", re.compile(r"[?&]owner=me(&|$)"))
    expect(export).to_have_attribute("href", re.compile(r"[?&]rating=awful(&|$)"))
    with page.expect_download() as download:
        export.click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert [row[2] for row in csv.reader(io.StringIO(text))][1:] == ["Checkout"]

    # The address keeps the filters: a reload shows the same table.
    page.reload()
    expect(rows.locator(".table__primary")).to_have_text(["Checkout"])
    expect(page.locator(".rating-toggle--awful input")).to_be_checked()

    # The link opens the touchpoint on its map, with its drawer open.
    rows.get_by_role("link", name="Checkout").click()
    checkout = touchpoints["Checkout"]
    expect(page).to_have_url(f"{live_server.url}/journeys/{journey.pk}/?touchpoint={checkout.pk}")
    expect(page.locator("#drawer").get_by_role("heading", name="Checkout")).to_be_visible()


def test_my_work_changes_a_status_in_place(live_server, page: Page, workspace, viewer):
    _journey, touchpoints = small_workspace(workspace, viewer)
    late = timezone.localdate() - datetime.timedelta(days=2)
    action = ActionFactory(
        touchpoint=touchpoints["Checkout"], title="Fix card errors", assignee=viewer, due_date=late
    )
    sign_in(page, live_server, viewer)
    page.get_by_role("navigation", name="Workspace sections").get_by_role(
        "link", name="My work"
    ).click()
    row = page.locator(f"#my-action-{action.pk}")
    expect(row).to_contain_text("2 days late")
    page.wait_for_load_state()  # htmx (a deferred script) is ready
    row.get_by_label("Status of “Fix card errors”").select_option("in_progress")
    expect(page.locator(f"#my-action-{action.pk}")).to_contain_text("Saved.")
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS
    assert ImprovementAction.objects.get(pk=action.pk).updated_by == viewer
