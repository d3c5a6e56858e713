"""The workspace pages of the feedback app: who sees what, the forms, constant query counts."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from feedback.models import FeedbackSettings, Invitation, Review, Survey
from tests.feedback.factories import (
    InvitationFactory,
    ResponseFactory,
    ReviewFactory,
    TransactionalSurveyFactory,
)
from touchpoints.models import RatingChange

pytestmark = pytest.mark.django_db


def pages(workspace, survey):
    w = workspace.pk
    return [
        reverse("feedback:overview", args=[w]),
        reverse("feedback:survey_list", args=[w]),
        reverse("feedback:survey_detail", args=[w, survey.pk]),
        reverse("feedback:survey_qr", args=[w, survey.pk]),
        reverse("feedback:response_list", args=[w]),
        reverse("feedback:review_list", args=[w]),
        reverse("feedback:settings", args=[w]),
    ]


def test_members_see_every_page_outsiders_none(client, viewer, outsider, workspace, survey):
    ResponseFactory(survey=survey, score=3, comment="Долго", sentiment="negative")
    ReviewFactory(workspace=workspace, sentiment="negative", text="Плохо")
    for url in pages(workspace, survey):
        assert client.get(url).status_code == 302  # to the sign-in page
    client.force_login(viewer)
    for url in pages(workspace, survey):
        assert client.get(url).status_code == 200, url
    client.force_login(outsider)
    for url in pages(workspace, survey):
        assert client.get(url).status_code == 404, url


def test_viewer_may_not_write(client, viewer, workspace, survey, touchpoint):
    client.force_login(viewer)
    w = workspace.pk
    posts = [
        (
            reverse("feedback:survey_create", args=[w]),
            {"name": "x", "kind": "nps", "scope": "relationship"},
        ),
        (
            reverse("feedback:survey_detail", args=[w, survey.pk]),
            {"customers": "c1", "language": "ru"},
        ),
        (reverse("feedback:survey_delete", args=[w, survey.pk]), {}),
        (reverse("feedback:settings", args=[w]), {"fatigue_days": 1}),
        (reverse("feedback:metrics_refresh", args=[w]), {}),
        (reverse("feedback:touchpoint_apply_rating", args=[w, touchpoint.pk]), {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    assert Survey.objects.count() == 1 and not Invitation.objects.exists()


def test_create_survey_through_the_editor(client, editor, workspace, touchpoint):
    client.force_login(editor)
    url = reverse("feedback:survey_create", args=[workspace.pk])
    assert client.get(url).status_code == 200
    bad = client.post(
        url,
        {
            "name": "x",
            "kind": "nps",
            "scope": "transactional",
            "default_language": "ru",
            "invitation_valid_days": 14,
        },
    )
    assert bad.status_code == 400 and "touchpoint" in bad.content.decode()
    reply = client.post(
        url,
        {
            "name": "После доставки",
            "kind": "nps",
            "scope": "transactional",
            "touchpoint": touchpoint.pk,
            "default_language": "ru",
            "is_active": "on",
            "public_link_enabled": "on",
            "invitation_valid_days": 14,
        },
    )
    survey = Survey.objects.get()
    assert reply.status_code == 302
    assert survey.stage_id == touchpoint.stage_id and survey.question_ru
    detail = client.get(reply["Location"]).content.decode()
    assert survey.public_token in detail and "<svg" in detail  # link and QR code


def test_invitations_page_creates_links_and_shows_the_fatigue_rule(client, editor, survey):
    client.force_login(editor)
    url = reverse("feedback:survey_detail", args=[survey.workspace_id, survey.pk])
    page = client.post(url, {"customers": "c1, c2\nc1", "language": "en"}).content.decode()
    assert Invitation.objects.count() == 2 and "/i/" in page
    again = client.post(url, {"customers": "c2\nc3", "language": "en"}).content.decode()
    assert Invitation.objects.count() == 3
    assert "fatigue rule" in again  # c2 skipped with the reason


def test_settings_page(client, editor, workspace):
    client.force_login(editor)
    url = reverse("feedback:settings", args=[workspace.pk])
    data = {
        "fatigue_days": 7,
        "suggest_window_days": 60,
        "suggest_min_answers": 5,
        "suggest_excellent_from": 80,
        "suggest_awful_below": 40,
        "weight_anonymous": "0.2",
        "weight_identified": "0.4",
        "weight_verified_identity": "0.7",
        "weight_verified_purchase": "1",
    }
    assert client.post(url, data).status_code == 302
    assert FeedbackSettings.objects.get(workspace=workspace).fatigue_days == 7
    bad = client.post(url, {**data, "suggest_awful_below": 90})
    assert bad.status_code == 400
    overview = client.get(reverse("feedback:overview", args=[workspace.pk])).content.decode()
    assert "at most once per 7 days" in overview


def test_apply_suggested_rating_from_the_overview(client, editor, workspace, survey, touchpoint):
    FeedbackSettings.objects.create(workspace=workspace, suggest_min_answers=2)
    ResponseFactory(survey=survey, score=10)
    ResponseFactory(survey=survey, score=9)
    client.force_login(editor)
    overview = reverse("feedback:overview", args=[workspace.pk])
    assert "Apply" in client.get(overview).content.decode()
    reply = client.post(
        reverse("feedback:touchpoint_apply_rating", args=[workspace.pk, touchpoint.pk]),
        {"next": overview},
    )
    assert reply.status_code == 302 and reply["Location"] == overview
    assert RatingChange.objects.get(touchpoint=touchpoint).to_rating == "excellent"


def test_review_pages(client, editor, workspace, touchpoint):
    client.force_login(editor)
    w = workspace.pk
    reply = client.post(
        reverse("feedback:review_create", args=[w]),
        {
            "source": "marketplace",
            "text": "Товар пришёл бракованный",
            "grade": 1,
            "trust_level": "verified_purchase",
            "touchpoint": touchpoint.pk,
            "published_at": "2024-05-01T10:00",
        },
    )
    assert reply.status_code == 302
    review = Review.objects.get()
    assert review.sentiment == "negative"
    assert (
        client.post(
            reverse("feedback:review_edit", args=[w, review.pk]),
            {
                "source": "marketplace",
                "text": "Товар пришёл бракованный",
                "grade": 2,
                "trust_level": "identified",
                "published_at": "2024-05-01T10:00",
            },
        ).status_code
        == 302
    )
    upload = SimpleUploadedFile("r.csv", b"source,text,grade\nsocial,Very good,5\n")
    assert (
        client.post(reverse("feedback:review_import", args=[w]), {"file": upload}).status_code
        == 302
    )
    broken = SimpleUploadedFile("r.csv", b"source,text,grade\nfax,?,9\n")
    page = client.post(reverse("feedback:review_import", args=[w]), {"file": broken})
    assert page.status_code == 400 and "Row 2" in page.content.decode()
    assert Review.objects.count() == 2
    inbox = client.get(reverse("feedback:review_list", args=[w]) + "?sentiment=negative")
    assert "бракованный" in inbox.content.decode() and "Very good" not in inbox.content.decode()


def test_response_filters(client, viewer, survey):
    ResponseFactory(survey=survey, score=10, comment="Супер", customer_external_id="c1")
    ResponseFactory(survey=survey, score=2, comment="Плохо", customer_external_id="c2")
    client.force_login(viewer)
    url = reverse("feedback:response_list", args=[survey.workspace_id])
    detractors = client.get(url, {"group": "detractors"}).content.decode()
    assert "Плохо" in detractors and "Супер" not in detractors
    assert "Супер" in client.get(url, {"customer": "c1"}).content.decode()
    assert client.get(url, {"date_from": "not a date"}).status_code == 200


@pytest.mark.parametrize("name", ["survey_list", "response_list", "review_list", "overview"])
def test_list_pages_take_constant_queries(client, editor, workspace, name):
    client.force_login(editor)
    url = reverse(f"feedback:{name}", args=[workspace.pk])
    counts = []
    for size in (1, 5):
        for _ in range(size):
            survey = TransactionalSurveyFactory(workspace=workspace)
            ResponseFactory(survey=survey, score=4, sentiment="negative", comment="Долго")
            InvitationFactory(survey=survey)
            ReviewFactory(workspace=workspace, touchpoint=survey.touchpoint, sentiment="negative")
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
