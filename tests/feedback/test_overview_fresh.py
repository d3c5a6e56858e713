"""The feedback overview is never empty when answers exist (computed on first view, recomputed
when answers arrive), and a plain complaint next to a low score is a complaint."""

import importlib

import pytest
from django.urls import reverse

from feedback import services
from feedback.choices import Sentiment
from feedback.models import FeedbackAggregate
from feedback.sentiment import analyze
from tests.feedback.factories import ResponseFactory

pytestmark = pytest.mark.django_db

# The module (feedback.views re-exports a function of the same name).
overview_view = importlib.import_module("feedback.views.overview")


def _page(client, workspace) -> str:
    reply = client.get(reverse("feedback:overview", args=[workspace.pk]))
    assert reply.status_code == 200
    return reply.content.decode()


def _workspace_answers(workspace) -> int:
    return sum(
        FeedbackAggregate.objects.filter(workspace=workspace, dimension="workspace").values_list(
            "answers", flat=True
        )
    )


def test_first_view_computes_the_charts(client, viewer, workspace, survey):
    for score in (10, 9, 2):
        ResponseFactory(survey=survey, score=score)
    assert not FeedbackAggregate.objects.filter(workspace=workspace).exists()
    client.force_login(viewer)  # a viewer cannot press "Refresh now", and needs no button
    html = _page(client, workspace)
    assert "Not computed yet" not in html and "No answers yet" not in html.split("<table")[0]
    assert "Refreshed" in html
    assert _workspace_answers(workspace) == 3


def test_new_answers_are_counted_at_the_next_view(client, editor, workspace, survey):
    services.response_create(actor=editor, survey=survey, score=9)
    client.force_login(editor)
    _page(client, workspace)
    assert _workspace_answers(workspace) == 1
    services.response_create(actor=editor, survey=survey, score=3)
    _page(client, workspace)
    assert _workspace_answers(workspace) == 2


def test_empty_workspace_says_so(client, viewer, workspace):
    client.force_login(viewer)
    assert "No answers yet" in _page(client, workspace)
    assert not FeedbackAggregate.objects.filter(workspace=workspace).exists()


def test_large_workspace_queues_the_refresh_and_polls(
    client, viewer, workspace, survey, monkeypatch
):
    monkeypatch.setattr(overview_view, "SYNC_REFRESH_MAX_ANSWERS", 0)
    ResponseFactory(survey=survey, score=7)
    client.force_login(viewer)
    html = _page(client, workspace)
    assert "being recomputed" in html and 'hx-trigger="every 3s"' in html
    # The queued job ran (eager Celery in tests): the next poll shows the charts.
    assert _workspace_answers(workspace) == 1
    html = _page(client, workspace)
    assert "being recomputed" not in html and "Refreshed" in html


@pytest.mark.parametrize(
    ("text", "kind", "score", "label"),
    [
        ("Promo code for students never works", "nps", 3, Sentiment.NEGATIVE),
        ("Промокод для студентов никогда не срабатывает", "nps", 3, Sentiment.NEGATIVE),
        ("Promo code for students never works", None, None, Sentiment.NEUTRAL),
        ("Promo code for students never works", "nps", 7, Sentiment.NEUTRAL),
        ("Оплатил картой при получении", "csat", 2, Sentiment.NEGATIVE),
        ("Оплатил картой при получении", "csat", 3, Sentiment.NEUTRAL),
        ("Had to call three times to change the address", "ces", 1, Sentiment.NEGATIVE),
        ("Had to call three times to change the address", "ces", 7, Sentiment.NEUTRAL),
        ("The courier was very polite, thank you", "nps", 5, Sentiment.POSITIVE),
    ],
)
def test_low_score_makes_a_neutral_text_a_complaint(text, kind, score, label):
    assert analyze(text, kind=kind, score=score).label == label


def test_plain_complaint_shows_among_latest_complaints(client, editor, workspace, survey):
    response, _ = services.response_create(
        actor=editor, survey=survey, score=3, comment="Promo code for students never works"
    )
    assert response.sentiment == Sentiment.NEGATIVE
    client.force_login(editor)
    html = _page(client, workspace)
    complaints = html.split('id="complaints-title"')[1]
    assert "Promo code for students never works" in complaints
