"""Finding 7: only editors and admins see personal survey invitation links (API and page); a
viewer sees who was invited and the status, never the link or its token."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from tests.feedback.factories import InvitationFactory, SurveyFactory


@pytest.fixture
def invitations(workspace):
    survey = SurveyFactory(workspace=workspace)
    return [InvitationFactory(survey=survey) for _ in range(3)]


def _api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_viewer_lists_invitations_without_links(invitations, viewer):
    survey = invitations[0].survey
    response = _api(viewer).get(f"/api/v1/surveys/{survey.pk}/invitations/")
    assert response.status_code == 200
    rows = response.json()["results"]
    assert len(rows) == 3
    assert all(row["url"] is None for row in rows)
    assert not any(inv.token in response.content.decode() for inv in invitations)


@pytest.mark.parametrize("who", ["editor", "ws_admin"])
def test_editors_and_admins_get_the_links(invitations, who, request):
    user = request.getfixturevalue(who)
    survey = invitations[0].survey
    rows = _api(user).get(f"/api/v1/surveys/{survey.pk}/invitations/").json()["results"]
    assert all(row["url"] and "/i/" in row["url"] for row in rows)


def test_viewer_cannot_create_invitations(invitations, viewer):
    survey = invitations[0].survey
    response = _api(viewer).post(
        f"/api/v1/surveys/{survey.pk}/invitations/", {"customers": ["c-1"]}, format="json"
    )
    assert response.status_code == 403


def test_survey_page_shows_links_to_editors_only(invitations, viewer, editor, workspace):
    survey = invitations[0].survey
    url = reverse("feedback:survey_detail", args=[workspace.pk, survey.pk])
    viewer_client, editor_client = Client(), Client()
    viewer_client.force_login(viewer)
    editor_client.force_login(editor)
    viewer_page = viewer_client.get(url).content.decode()
    editor_page = editor_client.get(url).content.decode()
    for invitation in invitations:
        assert invitation.customer_external_id in viewer_page
        assert invitation.token not in viewer_page
        assert invitation.token in editor_page
