"""The public answer page in a real browser (Debian's Chromium), in Russian and English, on a
phone-sized screen; plus screenshots of the workspace pages (docs/screenshots/feedback_*.png)."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Page, expect

from feedback.models import Response
from tests.feedback import demo
from tests.feedback.factories import InvitationFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def world(workspace, editor):
    return demo.build(workspace, editor)


def test_public_page_in_russian_and_english(
    live_server, page: Page, workspace, world, screenshot_dir
):
    survey = demo.survey_for_public_page(workspace)
    before = Response.objects.count()
    page.set_viewport_size(PHONE)
    url = f"{live_server.url}/s/{survey.public_token}/"

    page.goto(url)
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_text(survey.question_ru)).to_be_visible()
    page.screenshot(path=screenshot_dir / "feedback_public_ru.png", full_page=True)
    page.get_by_role("button", name="Отправить").click()  # no score chosen
    expect(page.get_by_role("alert")).to_have_text("Пожалуйста, выберите оценку.")
    page.locator("label.scale__option", has_text="9").first.click()
    page.get_by_label("Почему вы поставили такую оценку?").fill("Курьер приехал вовремя")
    page.get_by_role("button", name="Отправить").click()
    expect(page.get_by_role("heading", name="Спасибо!")).to_be_visible()
    page.screenshot(path=screenshot_dir / "feedback_thanks_ru.png")

    page.goto(url)
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_text(survey.question_en)).to_be_visible()
    page.locator("label.scale__option", has_text="3").first.click()
    page.get_by_label("What should we improve?").fill("Call before arriving")
    page.screenshot(path=screenshot_dir / "feedback_public_en.png", full_page=True)
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", name="Thank you!")).to_be_visible()

    answers = list(Response.objects.order_by("-id")[:2])
    assert Response.objects.count() == before + 2
    assert [(a.score, a.language) for a in answers] == [(3, "en"), (9, "ru")]
    assert answers[0].improve_text == "Call before arriving"


def test_personal_link_works_once(live_server, page: Page, workspace, world, screenshot_dir):
    invitation = InvitationFactory(
        survey=world["surveys"][0], language="en", customer_external_id="cust-new"
    )
    page.set_viewport_size(PHONE)
    url = f"{live_server.url}/i/{invitation.token}/"
    page.goto(url)
    page.locator("label.scale__option", has_text="10").first.click()
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", name="Thank you!")).to_be_visible()
    page.goto(url)
    expect(page.get_by_role("heading", name="You have already answered")).to_be_visible()
    page.screenshot(path=screenshot_dir / "feedback_link_used.png")
    assert Response.objects.filter(invitation=invitation).count() == 1


def test_workspace_pages(live_server, page: Page, workspace, editor, world, screenshot_dir):
    client = Client()
    client.force_login(editor)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page.set_viewport_size({"width": 1440, "height": 900})
    base = f"{live_server.url}/w/{workspace.pk}/feedback/"
    survey = world["surveys"][0]
    shots = [
        ("overview", base, "Feedback overview"),
        ("surveys", f"{base}surveys/", "Surveys"),
        ("survey", f"{base}surveys/{survey.pk}/", survey.name),
        ("survey_form", f"{base}surveys/{survey.pk}/edit/", "Edit survey"),
        ("responses", f"{base}responses/", "Responses"),
        ("reviews", f"{base}reviews/", "Reviews inbox"),
        ("settings", f"{base}settings/", "Feedback settings"),
    ]
    for name, url, heading in shots:
        page.goto(url)
        expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
        page.screenshot(path=screenshot_dir / f"feedback_{name}.png", full_page=True)
    # The same page in Russian (the interface language cookie).
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "ru", "url": live_server.url}]
    )
    page.goto(base)
    expect(page.get_by_role("heading", name="Обратная связь: обзор", level=1)).to_be_visible()
    page.screenshot(path=screenshot_dir / "feedback_overview_ru.png", full_page=True)
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}]
    )
    # One-click apply of a suggested rating from the overview.
    page.goto(base)
    apply = page.get_by_role("button", name="Apply").first
    expect(apply).to_be_visible()
    apply.click()
    expect(page.locator(".message--success")).to_contain_text("rating history")
