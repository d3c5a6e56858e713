"""Browser test: the new-map form creates a segment and a persona in place, selects them, and
the map is created with both, without leaving the page."""

import pytest
from playwright.sync_api import Page, expect

from cjm.models import Journey
from personas.models import Persona
from tests.e2e.test_pages import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_new_map_with_a_segment_and_a_persona_made_in_place(
    live_server, page: Page, workspace, editor
):
    Persona.objects.create(workspace=workspace, name="Olga")
    sign_in(page, live_server, editor)
    page.goto(f"{live_server.url}/w/{workspace.pk}/journeys/new/")
    page.get_by_label("Title").fill("Returns")
    page.get_by_label("Olga").check()

    page.get_by_text("New segment", exact=True).click()
    page.get_by_label("Name of the new segment").fill("Students")
    page.get_by_role("button", name="Add the segment").click()
    expect(page.locator("#id_segment option:checked")).to_have_text("Students")

    page.get_by_text("New persona", exact=True).click()
    box = page.get_by_label("Name of the new persona")
    box.fill("Olga")
    box.press("Enter")  # adds the persona (a name already taken: the message, in place)
    expect(page.locator("#persona-picker .field__error")).to_be_visible()
    expect(page).to_have_url(f"{live_server.url}/w/{workspace.pk}/journeys/new/")
    page.get_by_label("Name of the new persona").fill("Maria")
    page.get_by_role("button", name="Add the persona").click()
    expect(page.get_by_label("Maria")).to_be_checked()
    expect(page.get_by_label("Olga")).to_be_checked()

    page.get_by_role("button", name="Create the map").click()
    expect(page.get_by_role("heading", name="Returns")).to_be_visible()
    journey = Journey.objects.get(title="Returns")
    assert journey.segment.name == "Students"
    assert sorted(journey.personas.values_list("name", flat=True)) == ["Maria", "Olga"]
