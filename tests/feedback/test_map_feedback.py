"""Feedback on the map: a badge on cards, a panel in the drawer, one-click apply for editors."""

import pytest

from tests.factories import TouchpointFactory
from tests.feedback.factories import ResponseFactory, TransactionalSurveyFactory
from touchpoints.models import RatingChange

pytestmark = pytest.mark.django_db


@pytest.fixture
def detractors(workspace):
    """A touchpoint rated excellent by hand whose customers are unhappy (NPS answers 0-3)."""
    touchpoint = TouchpointFactory(
        stage__journey__workspace=workspace, name="Courier call", rating="excellent"
    )
    survey = TransactionalSurveyFactory(workspace=workspace, touchpoint=touchpoint)
    for score in [0, 1, 2, 3, 2, 1, 0, 3, 2, 1]:
        ResponseFactory(survey=survey, score=score)
    return touchpoint


def test_map_cards_carry_a_feedback_badge_that_flags_a_different_suggestion(
    client, editor, detractors
):
    client.force_login(editor)
    page = client.get(f"/journeys/{detractors.stage.journey_id}/").content.decode()
    assert "tp__feedback--differs" in page
    assert "NPS \u2212100" in page  # all ten answers are detractors
    assert "from 10 survey answers" in page  # the tooltip says what the figure is built from


def test_drawer_shows_feedback_and_editor_applies_the_suggestion(client, editor, detractors):
    client.force_login(editor)
    drawer = client.get(f"/touchpoints/{detractors.pk}/").content.decode()
    assert "Customer feedback" in drawer and "Apply the suggested rating" in drawer
    response = client.post(
        f"/w/{detractors.stage.journey.workspace_id}/feedback/touchpoints/{detractors.pk}/"
        "apply-rating/",
        {"next": f"/journeys/{detractors.stage.journey_id}/?touchpoint={detractors.pk}"},
    )
    assert response.status_code == 302
    detractors.refresh_from_db()
    assert detractors.rating == "awful"
    change = RatingChange.objects.get(touchpoint=detractors, to_rating="awful")
    assert change.changed_by == editor


def test_viewer_sees_feedback_but_no_apply_button(client, viewer, detractors):
    client.force_login(viewer)
    drawer = client.get(f"/touchpoints/{detractors.pk}/").content.decode()
    assert "Customer feedback" in drawer
    assert "Apply the suggested rating" not in drawer


def test_a_touchpoint_without_feedback_says_so(client, editor, workspace):
    touchpoint = TouchpointFactory(stage__journey__workspace=workspace)
    client.force_login(editor)
    drawer = client.get(f"/touchpoints/{touchpoint.pk}/").content.decode()
    assert "No survey answers or reviews for this touchpoint recently." in drawer


def test_a_card_redrawn_after_a_quick_rating_keeps_its_feedback_badge(client, editor, detractors):
    """Regression: only the full map page attached feedback, so the card that the quick rating
    swaps in (and a stage's cell, and the drawer's card) lost its badge and its mark."""
    client.force_login(editor)
    card = client.post(
        f"/touchpoints/{detractors.pk}/rating/",
        {"rating": "so_so", "version": detractors.version},
        HTTP_HX_REQUEST="true",
    )
    assert card.status_code == 200
    html = card.content.decode()
    assert "tp__feedback--differs" in html  # feedback says awful, the card now says so-so
    assert "from 10 survey answers" in html


def test_every_redrawn_card_carries_the_same_feedback_as_the_map(client, editor, detractors):
    client.force_login(editor)
    cell = client.get(f"/stages/{detractors.stage_id}/touchpoints/", HTTP_HX_REQUEST="true")
    assert "tp__feedback--differs" in cell.content.decode()
    saved = client.post(
        f"/touchpoints/{detractors.pk}/",
        {
            "version": detractors.version,
            "name": "Courier call",
            "rating": "excellent",
            "category": detractors.category,
            "importance": detractors.importance,
        },
        HTTP_HX_REQUEST="true",
    )
    assert saved.status_code == 200, saved.content.decode()[:2000]
    assert f'id="tp-{detractors.pk}"' in saved.content.decode()  # the out-of-band card
    assert "tp__feedback--differs" in saved.content.decode()
