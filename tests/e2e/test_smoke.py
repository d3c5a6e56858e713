"""Smoke: sign in, see the workspace home, open a map and see an awful touchpoint in red.

Screenshots at 1440x900 (login.png, workspace.png, journey.png) go to docs/screenshots/ when
CJM_SCREENSHOTS=1 is set, else to pytest's temporary directory (see conftest.py).
"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from cjm.choices import JourneyState, JourneyStatus, LaneKind, MomentOfTruth, PurchasePhase, Role
from tests.factories import (
    PASSWORD,
    ActionFactory,
    ChannelFactory,
    JourneyFactory,
    LaneCellFactory,
    LaneFactory,
    MembershipFactory,
    PersonaFactory,
    SegmentFactory,
    StageFactory,
    TeamFactory,
    TouchpointFactory,
    UserFactory,
)
from touchpoints.choices import Rating

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

E, S, A, U = Rating.EXCELLENT, Rating.SO_SO, Rating.AWFUL, Rating.UNRATED

# stage name, moment of truth, purchase phase, goal, emotion, touchpoints (name, channel, rating)
STAGES = [
    (
        "Awareness",
        MomentOfTruth.ZMOT,
        PurchasePhase.BEFORE,
        "Find a sofa that fits the room",
        1,
        [("Instagram ad", "Social", E), ("Search results", "Website", S)],
    ),
    (
        "Consideration",
        MomentOfTruth.ZMOT,
        PurchasePhase.BEFORE,
        "Compare fabrics and prices",
        -1,
        [("Product page", "Website", S), ("Reviews on marketplace", "Marketplace", A)],
    ),
    (
        "Purchase",
        MomentOfTruth.FMOT,
        PurchasePhase.DURING,
        "Pay without surprises",
        -3,
        [("Checkout", "Website", A), ("Payment confirmation", "Email", E)],
    ),
    (
        "Delivery",
        MomentOfTruth.SMOT,
        PurchasePhase.AFTER,
        "Know when it arrives",
        0,
        [("Courier call", "Phone", S), ("Delivery slot SMS", "Messenger", U)],
    ),
    (
        "Use",
        MomentOfTruth.SMOT,
        PurchasePhase.AFTER,
        "Enjoy it every day",
        2,
        [("Care instructions", "Email", E)],
    ),
    (
        "Advocacy",
        MomentOfTruth.UMOT,
        PurchasePhase.AFTER,
        "Tell friends",
        3,
        [("Review request", "Email", U)],
    ),
]


def build_demo(workspace, owner):
    """A realistic small map for the screenshots."""
    other = UserFactory(username="maria", first_name="Maria", last_name="Ivanova")
    MembershipFactory(workspace=workspace, user=other, role=Role.EDITOR)
    segment = SegmentFactory(workspace=workspace, name="Young families")
    personas = [
        PersonaFactory(
            workspace=workspace, segment=segment, name="Anna", role_title="Mother of two"
        ),
        PersonaFactory(workspace=workspace, segment=segment, name="Oleg", role_title="First flat"),
    ]
    journey = JourneyFactory(
        workspace=workspace,
        title="Buying a sofa online",
        segment=segment,
        status=JourneyStatus.ACTIVE,
        state=JourneyState.CURRENT,
        description="From the first ad to the review, for families furnishing a new flat.",
    )
    journey.personas.add(*personas)
    JourneyFactory(workspace=workspace, title="Store visit", state=JourneyState.FUTURE)
    lanes = {
        kind: LaneFactory(journey=journey, kind=kind, name=kind.label)
        for kind in (LaneKind.GOALS, LaneKind.TOUCHPOINTS, LaneKind.EMOTIONS, LaneKind.PAINS)
    }
    channels = {}
    team = TeamFactory(workspace=workspace, name="E-commerce")
    late = timezone.localdate() - datetime.timedelta(days=4)
    for position, (name, mot, phase, goal, emotion, touchpoints) in enumerate(STAGES):
        stage = StageFactory(
            journey=journey,
            name=name,
            position=position,
            moment_of_truth=mot,
            purchase_phase=phase,
        )
        LaneCellFactory(lane=lanes[LaneKind.GOALS], stage=stage, text=goal)
        LaneCellFactory(lane=lanes[LaneKind.EMOTIONS], stage=stage, text="", emotion_score=emotion)
        if emotion < 0:
            LaneCellFactory(
                lane=lanes[LaneKind.PAINS], stage=stage, text="Hidden costs, slow pages"
            )
        for index, (tp_name, channel_name, rating) in enumerate(touchpoints):
            if channel_name not in channels:
                channels[channel_name] = ChannelFactory(workspace=workspace, name=channel_name)
            touchpoint = TouchpointFactory(
                stage=stage,
                name=tp_name,
                channel=channels[channel_name],
                rating=rating,
                owner=(owner, other, None)[(position + index) % 3],
                team=team,
                is_critical=rating == A,
            )
            if rating == A:
                ActionFactory(
                    touchpoint=touchpoint, title=f"Fix: {tp_name}", assignee=other, due_date=late
                )
    return journey


def test_sign_in_workspace_and_map(live_server, page: Page, workspace, editor, screenshot_dir):
    editor.first_name, editor.last_name = "Eddie", "Editor"
    editor.save()
    journey = build_demo(workspace, editor)

    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/login/?next=/")
    expect(page.get_by_role("heading", name="Sign in to CJM")).to_be_visible()
    page.screenshot(path=screenshot_dir / "login.png")

    page.get_by_label("Username").fill(editor.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_url(f"{live_server.url}/w/{workspace.pk}/")
    expect(page.get_by_role("heading", name="Acme Store", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Buying a sofa online")).to_be_visible()
    expect(page.get_by_text("Fix: Checkout")).to_be_visible()
    page.screenshot(path=screenshot_dir / "workspace.png")

    # The workspace switcher opens and lists the workspace.
    page.get_by_label("Switch workspace").click()
    expect(page.locator(".workspace-switcher .menu__item[aria-current=page]")).to_have_text(
        "A Acme Store"
    )
    page.keyboard.press("Escape")

    page.get_by_role("link", name="Buying a sofa online").click()
    expect(page).to_have_url(f"{live_server.url}/journeys/{journey.pk}/")
    headers = page.locator(".map__stage-name")
    expect(headers).to_have_text([stage[0] for stage in STAGES])
    checkout = page.locator(".tp", has_text="Checkout")
    expect(checkout).to_have_class("tp tp--awful tp--critical")
    border = checkout.evaluate("el => getComputedStyle(el).borderLeftColor")
    assert border == "rgb(207, 34, 46)"  # the awful red of tokens.css
    expect(page.locator(".emotion__point")).to_have_count(len(STAGES))
    page.screenshot(path=screenshot_dir / "journey.png")

    # Sign out through the user menu.
    page.get_by_label("Account menu").click()
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(f"{live_server.url}/login/")
