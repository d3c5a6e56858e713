"""What feedback says: suggested ratings, trust-weighted reviews, the evidence-based emotion
curve, weekly aggregates (Celery task), review import."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from feedback import selectors, services, tasks
from feedback.choices import MetricDimension, SurveyKind, TrustLevel
from feedback.models import FeedbackAggregate, FeedbackSettings, Review
from tests.factories import StageFactory, TouchpointFactory
from tests.feedback.factories import ResponseFactory, ReviewFactory, TransactionalSurveyFactory
from touchpoints.models import RatingChange

pytestmark = pytest.mark.django_db


def settings_for(workspace, **values):
    return FeedbackSettings.objects.create(workspace=workspace, **values)


def test_suggestion_needs_the_minimum_number_of_answers(workspace, survey, touchpoint):
    settings_for(workspace, suggest_min_answers=4)
    for score in (10, 9, 10):
        ResponseFactory(survey=survey, score=score)
    found = selectors.touchpoint_feedback(workspace_id=workspace.pk)[touchpoint.pk]
    assert found.answers == 3 and found.nps == 100.0 and found.index > 90
    assert found.suggested_rating is None  # 3 < 4 answers
    ResponseFactory(survey=survey, score=9)
    found = selectors.touchpoint_feedback(workspace_id=workspace.pk)[touchpoint.pk]
    assert found.suggested_rating == "excellent"


@pytest.mark.parametrize(
    ("scores", "rating"), [((10, 9, 8), "excellent"), ((7, 6, 6), "so_so"), ((3, 4, 2), "awful")]
)
def test_thresholds_decide_the_suggestion(workspace, survey, touchpoint, scores, rating):
    settings_for(
        workspace, suggest_min_answers=3, suggest_excellent_from=75, suggest_awful_below=50
    )
    for score in scores:
        ResponseFactory(survey=survey, score=score)
    assert (
        selectors.touchpoint_feedback(workspace_id=workspace.pk)[touchpoint.pk].suggested_rating
        == rating
    )


def test_old_feedback_is_outside_the_window(workspace, survey, touchpoint):
    settings_for(workspace, suggest_window_days=30)
    ResponseFactory(survey=survey, score=0, created_at=timezone.now() - datetime.timedelta(days=31))
    assert touchpoint.pk not in selectors.touchpoint_feedback(workspace_id=workspace.pk)


def test_reviews_count_by_trust(workspace, touchpoint):
    settings_for(workspace, weight_anonymous=Decimal("0.10"), weight_verified_purchase=Decimal("1"))
    ReviewFactory(
        workspace=workspace,
        touchpoint=touchpoint,
        stage=touchpoint.stage,
        grade=1,
        trust_level=TrustLevel.ANONYMOUS,
    )
    ReviewFactory(
        workspace=workspace,
        touchpoint=touchpoint,
        stage=touchpoint.stage,
        grade=5,
        trust_level=TrustLevel.VERIFIED_PURCHASE,
    )
    found = selectors.touchpoint_feedback(workspace_id=workspace.pk)[touchpoint.pk]
    # (0.1 * 1 + 1 * 5) / 1.1 = 4.64: the verified purchase dominates.
    assert found.review_score == pytest.approx(4.64, abs=0.01)
    assert found.reviews == 2


def test_apply_suggested_rating_lands_in_the_rating_history(editor, workspace, survey, touchpoint):
    settings_for(workspace, suggest_min_answers=2)
    with pytest.raises(ValidationError):
        services.touchpoint_apply_suggested_rating(actor=editor, touchpoint=touchpoint)
    ResponseFactory(survey=survey, score=1)
    ResponseFactory(survey=survey, score=2)
    updated = services.touchpoint_apply_suggested_rating(actor=editor, touchpoint=touchpoint)
    assert updated.rating == "awful"
    change = RatingChange.objects.get(touchpoint=touchpoint)
    assert (change.from_rating, change.to_rating, change.changed_by) == ("unrated", "awful", editor)
    assert "2 answers" in change.note


def test_apply_needs_an_editor(viewer, workspace, survey, touchpoint):
    from django.core.exceptions import PermissionDenied

    settings_for(workspace, suggest_min_answers=1)
    ResponseFactory(survey=survey, score=1)
    with pytest.raises(PermissionDenied):
        services.touchpoint_apply_suggested_rating(actor=viewer, touchpoint=touchpoint)


def test_stage_emotion_from_answers_and_reviews(workspace, survey, touchpoint, stage):
    other_stage = StageFactory(journey=stage.journey, name="Purchase", position=1)
    ResponseFactory(survey=survey, score=10)  # +3
    ResponseFactory(survey=survey, score=0)  # -3
    ReviewFactory(
        workspace=workspace,
        stage=stage,
        grade=None,
        text="Ужасно",
        sentiment_score=-1.0,
        trust_level=TrustLevel.VERIFIED_PURCHASE,
    )  # -3, weight 1
    scores = selectors.stage_emotion_scores(workspace_id=workspace.pk)
    assert scores[stage.pk].answers == 2 and scores[stage.pk].reviews == 1
    assert scores[stage.pk].score == -1.0  # (3 - 3 - 3) / 3
    assert other_stage.pk not in scores
    rows = selectors.journey_emotion_rows(journey=stage.journey)
    assert [r["stage"] for r in rows] == [stage.pk, other_stage.pk]
    assert rows[1]["evidence_score"] is None and rows[1]["answers"] == 0


def test_evidence_reads_take_constant_queries(workspace, django_assert_num_queries):
    settings_for(workspace)
    for size in (1, 6):
        surveys = [TransactionalSurveyFactory(workspace=workspace) for _ in range(size)]
        for survey in surveys:
            ResponseFactory(survey=survey, score=5)
            ReviewFactory(workspace=workspace, touchpoint=survey.touchpoint, stage=survey.stage)
        with django_assert_num_queries(3):  # settings, answers, reviews
            found = selectors.touchpoint_feedback(workspace_id=workspace.pk)
        assert len(found) >= size
        with django_assert_num_queries(3):
            selectors.stage_emotion_scores(workspace_id=workspace.pk)


def test_aggregates_task_and_series(workspace, survey, touchpoint):
    now = timezone.now()
    ResponseFactory(survey=survey, score=10, created_at=now)
    ResponseFactory(survey=survey, score=0, created_at=now)
    ResponseFactory(survey=survey, score=9, created_at=now - datetime.timedelta(weeks=2))
    written = tasks.feedback_aggregates_refresh.delay().get()  # every workspace with answers
    # Two weeks x (workspace, journey, stage, touchpoint); these answers name no channel.
    assert written == 2 * 4
    series = selectors.metric_series(
        workspace_id=workspace.pk, kind=SurveyKind.NPS, dimension=MetricDimension.WORKSPACE, weeks=4
    )
    assert [w["responses"] for w in series] == [0, 1, 0, 2]
    assert series[-1]["value"] == 0.0 and series[1]["value"] == 100.0 and series[0]["value"] is None
    per_touchpoint = selectors.metric_breakdown(
        workspace_id=workspace.pk, kind=SurveyKind.NPS, dimension=MetricDimension.TOUCHPOINT
    )
    assert per_touchpoint[touchpoint.pk] == {"responses": 3, "value": pytest.approx(33.3)}
    # Safe to run twice: the same rows, not doubled.
    assert tasks.feedback_aggregates_refresh.delay(workspace.pk).get() == written
    assert FeedbackAggregate.objects.count() == written


def test_review_csv_import(editor, workspace, touchpoint):
    data = (
        "source;external_id;author;grade;text;published_at;touchpoint;trust_level\n"
        "marketplace;a1;Ольга;2;Курьер опоздал на два часа;2024-05-01;"
        f"{touchpoint.pk};verified_purchase\n"
        "map_service;;;5;Great pickup point, friendly staff;2024-05-02T10:00:00+03:00;;\n"
    ).encode()
    rows = services.parse_reviews_csv(workspace=workspace, data=data)
    result = services.reviews_import(actor=editor, workspace=workspace, rows=rows)
    assert result == {"created": 2, "duplicates": 0}
    first = Review.objects.get(external_id="a1")
    assert first.sentiment == "negative" and first.stage_id == touchpoint.stage_id
    assert Review.objects.get(source="map_service").sentiment == "positive"
    bad = b"source,grade,touchpoint\nfax,9,999999\n"
    with pytest.raises(services.BulkValidationError) as exc:
        services.parse_reviews_csv(workspace=workspace, data=bad)
    assert exc.value.rows[0]["index"] == 0
    assert set(exc.value.rows[0]["errors"]) == {"source", "touchpoint"}
    with pytest.raises(ValidationError):
        services.parse_reviews_csv(workspace=workspace, data=b"\xff\xfe\x00bad")


def test_review_update_rescored_and_relinked(editor, workspace, touchpoint):
    review = services.review_create(
        actor=editor, workspace=workspace, source="social", text="Всё отлично"
    )
    assert review.sentiment == "positive"
    other = TouchpointFactory(stage=touchpoint.stage)
    updated = services.review_update(
        actor=editor, review=review, text="Всё ужасно", touchpoint=other
    )
    assert updated.sentiment == "negative" and updated.stage_id == other.stage_id


def test_customer_timeline_reads_answers_by_external_id(viewer, outsider, workspace, survey):
    ResponseFactory(survey=survey, customer_external_id="c1", score=9)
    ResponseFactory(survey=survey, customer_external_id="c2", score=1)
    mine = selectors.customer_response_list(user=viewer, workspace=workspace, customer="c1")
    assert [r.score for r in mine] == [9]
    assert not selectors.customer_response_list(user=outsider, workspace=workspace, customer="c1")


def test_workspace_review_score_is_trust_weighted(workspace):
    settings_for(workspace, weight_anonymous=Decimal("0"), weight_identified=Decimal("1"))
    ReviewFactory(workspace=workspace, grade=1, trust_level=TrustLevel.ANONYMOUS)
    ReviewFactory(workspace=workspace, grade=4, trust_level=TrustLevel.IDENTIFIED)
    ReviewFactory(workspace=workspace, grade=None, text="Без оценки")
    assert selectors.review_score(workspace_id=workspace.pk) == {"value": 4.0, "reviews": 2}
