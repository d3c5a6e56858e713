"""Surveys, invitations, answers and the fatigue rule, through the services."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from feedback import services
from feedback.choices import Language, ResponseOrigin, Sentiment, SurveyKind
from feedback.models import FeedbackSettings, Invitation, Response
from tests.feedback.factories import InvitationFactory, ResponseFactory, SurveyFactory

pytestmark = pytest.mark.django_db


# --- surveys -------------------------------------------------------------------------------


def test_survey_create_fills_questions_and_derives_stage_and_journey(editor, workspace, touchpoint):
    survey = services.survey_create(
        actor=editor,
        workspace=workspace,
        name="After delivery",
        kind=SurveyKind.NPS,
        touchpoint=touchpoint,
    )
    assert survey.stage == touchpoint.stage
    assert survey.journey == touchpoint.stage.journey
    assert "recommend" in survey.question_en
    assert "порекомендуете" in survey.question_ru
    assert survey.why_question_ru and survey.why_question_en
    assert len(survey.public_token) >= 20


def test_survey_scope_rules(editor, workspace, touchpoint, other_workspace):
    with pytest.raises(ValidationError) as exc:
        services.survey_create(actor=editor, workspace=workspace, name="x", kind="nps")
    assert "touchpoint" in exc.value.message_dict  # transactional needs a target
    with pytest.raises(ValidationError) as exc:
        services.survey_create(
            actor=editor,
            workspace=workspace,
            name="x",
            kind="nps",
            scope="relationship",
            touchpoint=touchpoint,
        )
    assert "scope" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.survey_create(
            actor=None, workspace=other_workspace, name="x", kind="csat", touchpoint=touchpoint
        )
    assert "touchpoint" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.survey_create(
            actor=editor, workspace=workspace, name="x", kind="xyz", scope="relationship"
        )
    assert "kind" in exc.value.message_dict


def test_survey_roles(viewer, outsider, workspace):
    with pytest.raises(PermissionDenied):
        services.survey_create(
            actor=viewer, workspace=workspace, name="x", kind="nps", scope="relationship"
        )
    with pytest.raises(Http404):
        services.survey_create(
            actor=outsider, workspace=workspace, name="x", kind="nps", scope="relationship"
        )


def test_survey_kind_is_fixed_once_answered(editor, survey):
    ResponseFactory(survey=survey)
    with pytest.raises(ValidationError):
        services.survey_update(actor=editor, survey=survey, kind=SurveyKind.CSAT)
    updated = services.survey_update(actor=editor, survey=survey, name="Renamed")
    assert updated.name == "Renamed"


# --- invitations and the fatigue rule -------------------------------------------------------


def test_invitations_skip_customers_asked_recently(editor, survey, workspace):
    FeedbackSettings.objects.create(workspace=workspace, fatigue_days=14)
    first = services.invitations_create(actor=editor, survey=survey, customers=["c1", "c2", "c1"])
    assert [i.customer_external_id for i in first.created] == ["c1", "c2"]
    assert first.skipped[0][0] == "c1"  # listed twice
    again = services.invitations_create(actor=editor, survey=survey, customers=["c1", "c3"])
    assert [i.customer_external_id for i in again.created] == ["c3"]
    assert again.skipped[0][0] == "c1" and "14" in again.skipped[0][1]


def test_fatigue_window_passes(editor, survey, workspace):
    FeedbackSettings.objects.create(workspace=workspace, fatigue_days=7)
    old = InvitationFactory(survey=survey, customer_external_id="c1")
    Invitation.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=8)
    )
    batch = services.invitations_create(actor=editor, survey=survey, customers=["c1"])
    assert len(batch.created) == 1


def test_fatigue_rule_off_with_zero_days(editor, survey, workspace):
    FeedbackSettings.objects.create(workspace=workspace, fatigue_days=0)
    services.invitations_create(actor=editor, survey=survey, customers=["c1"])
    assert (
        len(services.invitations_create(actor=editor, survey=survey, customers=["c1"]).created) == 1
    )


def test_fatigue_rule_on_answers_from_the_api(editor, survey):
    services.response_create(actor=editor, survey=survey, score=9, customer="c1")
    with pytest.raises(ValidationError) as exc:
        services.response_create(actor=editor, survey=survey, score=3, customer="c1")
    assert "fatigue" in str(exc.value.message_dict["customer"])
    # Another customer, or an anonymous answer, is fine.
    services.response_create(actor=editor, survey=survey, score=3, customer="c2")
    services.response_create(actor=editor, survey=survey, score=3)
    # Far enough apart in time: fine too (default window 14 days).
    services.response_create(
        actor=editor,
        survey=survey,
        score=3,
        customer="c1",
        created_at=timezone.now() - datetime.timedelta(days=30),
    )
    assert Response.objects.count() == 4


def test_fatigue_rule_when_an_invitation_is_answered(editor, survey):
    invitation = services.invitations_create(actor=editor, survey=survey, customers=["c9"]).created[
        0
    ]
    ResponseFactory(survey=survey, customer_external_id="c9")  # answered elsewhere meanwhile
    with pytest.raises(ValidationError):
        services.response_submit_invitation(token=invitation.token, score=8)
    invitation.refresh_from_db()
    assert invitation.used_at is None  # the failed answer did not burn the link


def test_invitations_need_an_open_survey(editor, survey):
    survey.is_active = False
    survey.save()
    with pytest.raises(ValidationError):
        services.invitations_create(actor=editor, survey=survey, customers=["c1"])


# --- answers -------------------------------------------------------------------------------


def test_invitation_answer_is_stored_once(editor, survey):
    invitation = services.invitations_create(
        actor=editor, survey=survey, customers=["c1"], language=Language.EN
    ).created[0]
    response = services.response_submit_invitation(
        token=invitation.token, score=10, comment="Courier was polite and fast"
    )
    assert response.origin == ResponseOrigin.INVITATION
    assert response.customer_external_id == "c1"
    assert response.touchpoint_id == survey.touchpoint_id
    assert response.channel_id == survey.touchpoint.channel_id  # inherited from the touchpoint
    assert response.sentiment == Sentiment.POSITIVE
    with pytest.raises(services.LinkGone) as exc:
        services.response_submit_invitation(token=invitation.token, score=1)
    assert exc.value.reason == services.LinkGone.USED
    assert Response.objects.count() == 1


def test_expired_and_forged_invitations(survey):
    invitation = InvitationFactory(
        survey=survey, expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    with pytest.raises(services.LinkGone) as exc:
        services.response_submit_invitation(token=invitation.token, score=5)
    assert exc.value.reason == services.LinkGone.EXPIRED
    for token in ["nonsense", invitation.token[:-2] + "xx", ""]:
        with pytest.raises(services.LinkGone) as exc:
            services.response_submit_invitation(token=token, score=5)
        assert exc.value.reason == services.LinkGone.INVALID
    assert not Response.objects.exists()


@pytest.mark.parametrize("score", [11, -1, None])
def test_score_outside_the_scale_stores_nothing(survey, score):
    invitation = InvitationFactory(survey=survey)
    with pytest.raises(ValidationError) as exc:
        services.response_submit_invitation(token=invitation.token, score=score)
    assert "score" in exc.value.message_dict
    invitation.refresh_from_db()
    assert invitation.used_at is None
    assert not Response.objects.exists()


def test_public_answer_and_closed_survey(survey):
    response = services.response_submit_public(
        survey=survey, score=2, language="ru", comment="Курьер опоздал на два часа"
    )
    assert response.origin == ResponseOrigin.PUBLIC_LINK
    assert response.sentiment == Sentiment.NEGATIVE
    survey.ends_at = timezone.now() - datetime.timedelta(minutes=1)
    survey.starts_at = timezone.now() - datetime.timedelta(days=1)
    survey.save()
    with pytest.raises(services.LinkGone):
        services.response_submit_public(survey=survey, score=5, language="ru")


def test_oversized_and_nul_texts_are_refused(survey):
    with pytest.raises(ValidationError) as exc:
        services.response_submit_public(survey=survey, score=5, language="en", comment="x" * 2001)
    assert "comment" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.response_submit_public(survey=survey, score=5, language="en", comment="a\x00b")
    assert "comment" in exc.value.message_dict
    assert not Response.objects.exists()


def test_idempotency_key_returns_the_stored_answer(editor, survey):
    first, created = services.response_create(
        actor=editor, survey=survey, score=9, idempotency_key="k1"
    )
    again, created_again = services.response_create(
        actor=editor, survey=survey, score=3, idempotency_key="k1"
    )
    assert created and not created_again
    assert again.pk == first.pk and again.score == 9


def test_response_create_roles(viewer, outsider, survey):
    with pytest.raises(PermissionDenied):
        services.response_create(actor=viewer, survey=survey, score=9)
    with pytest.raises(Http404):
        services.response_create(actor=outsider, survey=survey, score=9)


def test_future_answers_are_refused(editor, survey):
    with pytest.raises(ValidationError) as exc:
        services.response_create(
            actor=editor,
            survey=survey,
            score=9,
            created_at=timezone.now() + datetime.timedelta(days=1),
        )
    assert "created_at" in exc.value.message_dict


def test_bulk_is_all_or_nothing_with_errors_by_row(editor, workspace, survey, other_survey):
    rows = [
        {"survey": survey, "score": 9, "idempotency_key": "a"},
        {"survey": survey, "score": 12, "idempotency_key": "b"},
        {"survey": other_survey, "score": 5},
    ]
    with pytest.raises(services.BulkValidationError) as exc:
        services.responses_create_bulk(actor=editor, workspace=workspace, rows=rows)
    assert [row["index"] for row in exc.value.rows] == [1, 2]
    assert "score" in exc.value.rows[0]["errors"]
    assert not Response.objects.exists()

    good = [
        {"survey": survey, "score": 9, "idempotency_key": "a"},
        {"survey": survey, "score": 4, "idempotency_key": "b", "comment": "Долго ждал"},
        {"survey": survey, "score": 4, "idempotency_key": "a"},
    ]
    assert services.responses_create_bulk(actor=editor, workspace=workspace, rows=good) == {
        "created": 2,
        "duplicates": 1,
    }
    assert services.responses_create_bulk(actor=editor, workspace=workspace, rows=good[:2]) == {
        "created": 0,
        "duplicates": 2,
    }


def test_bulk_applies_the_fatigue_rule_within_the_batch(editor, workspace, survey):
    rows = [
        {"survey": survey, "score": 9, "customer": "c1"},
        {"survey": survey, "score": 7, "customer": "c1"},
    ]
    with pytest.raises(services.BulkValidationError) as exc:
        services.responses_create_bulk(actor=editor, workspace=workspace, rows=rows)
    assert [row["index"] for row in exc.value.rows] == [1]
    assert "customer" in exc.value.rows[0]["errors"]


def test_settings_update_validates(editor, viewer, workspace):
    settings = services.feedback_settings_update(actor=editor, workspace=workspace, fatigue_days=3)
    assert settings.fatigue_days == 3
    with pytest.raises(ValidationError):
        services.feedback_settings_update(
            actor=editor, workspace=workspace, suggest_awful_below=90, suggest_excellent_from=80
        )
    with pytest.raises(PermissionDenied):
        services.feedback_settings_update(actor=viewer, workspace=workspace, fatigue_days=1)


def test_survey_factory_other_workspace_is_isolated(other_survey, survey):
    assert other_survey.workspace_id != survey.workspace_id
    assert SurveyFactory._meta.model.objects.count() == 2
