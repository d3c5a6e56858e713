"""The feedback admin: scoped to the workspaces a staff user administers, writes via services."""

import pytest
from django.urls import reverse

from feedback.models import Survey
from tests.feedback.factories import ResponseFactory, ReviewFactory, SurveyFactory

pytestmark = pytest.mark.django_db

PAGES = ["survey", "invitation", "response", "review", "feedbacksettings"]


def test_staff_admin_sees_only_own_workspace(client, ws_admin, survey, other_survey):
    ws_admin.is_staff = True
    ws_admin.save()
    ResponseFactory(survey=survey, comment="наш ответ")
    ResponseFactory(survey=other_survey, comment="чужой ответ")
    ReviewFactory(workspace=survey.workspace)
    client.force_login(ws_admin)
    for model in PAGES:
        assert client.get(reverse(f"admin:feedback_{model}_changelist")).status_code == 200
    responses = client.get(reverse("admin:feedback_response_changelist"))
    assert responses.context["cl"].result_count == 1  # not the other workspace's answer
    surveys = client.get(reverse("admin:feedback_survey_changelist")).content.decode()
    assert survey.name in surveys and other_survey.name not in surveys
    other = client.get(reverse("admin:feedback_survey_change", args=[other_survey.pk]))
    assert other.status_code == 302  # another workspace's row "doesn't exist"


def test_superuser_creates_a_survey_through_the_service(admin_client, workspace):
    reply = admin_client.post(
        reverse("admin:feedback_survey_add"),
        {
            "workspace": workspace.pk,
            "name": "Brand NPS",
            "kind": "nps",
            "scope": "relationship",
            "default_language": "en",
            "is_active": "on",
            "public_link_enabled": "on",
            "invitation_valid_days": 14,
        },
    )
    assert reply.status_code == 302, reply.content[:2000]
    survey = Survey.objects.get(name="Brand NPS")
    assert survey.question_ru and survey.question_en  # defaults filled by the service
    assert SurveyFactory._meta.model.objects.count() == 1
