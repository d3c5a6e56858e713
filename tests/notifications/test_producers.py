"""Every kind of notification is made by the write that causes it, and nobody hears of their
own act. Producers run after commit: the tests run the on-commit callbacks."""

from types import SimpleNamespace

import pytest
from django.core import mail

from cjm.accounts.models import UserPreference
from cjm.accounts.signals import invitation_accepted
from cjm.notifications.models import Notification
from feedback import services as feedback_services
from tests.feedback.factories import SurveyFactory
from tests.notifications.conftest import kinds_of
from touchpoints import services

pytestmark = pytest.mark.django_db


def test_action_assigned_to_someone_else_and_not_to_oneself(
    touchpoint, editor, viewer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.action_create(
            actor=editor, touchpoint=touchpoint, title="Call back", assignee=viewer
        )
        services.action_create(actor=editor, touchpoint=touchpoint, title="Mine", assignee=editor)
    assert kinds_of(viewer) == ["action_assigned"]
    assert kinds_of(editor) == []
    note = Notification.objects.get(recipient=viewer)
    assert note.object_type == "action" and "Call back" in note.text
    assert note.url.endswith(f"?touchpoint={touchpoint.pk}")
    # action_assigned is e-mailed at once by default.
    assert [m.to for m in mail.outbox] == [[viewer.email]]
    assert "Call back" in mail.outbox[0].subject


def test_reassigned_action_notifies_the_new_assignee(
    touchpoint, editor, viewer, teammate, django_capture_on_commit_callbacks
):
    action = services.action_create(actor=editor, touchpoint=touchpoint, title="Fix", assignee=None)
    with django_capture_on_commit_callbacks(execute=True):
        action = services.action_update(actor=editor, action=action, assignee=teammate)
        services.action_update(actor=editor, action=action, title="Fix it")  # no new assignee
    assert kinds_of(teammate) == ["action_assigned"]
    assert kinds_of(viewer) == []


def test_awful_rating_tells_owner_and_team_but_not_the_rater(
    touchpoint, editor, viewer, teammate, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.touchpoint_update(actor=editor, touchpoint=touchpoint, rating="awful")
    assert kinds_of(viewer) == ["touchpoint_rated_awful"]
    assert kinds_of(teammate) == ["touchpoint_rated_awful"]
    assert kinds_of(editor) == []  # a team member, but the one who rated


def test_mentions_notify_members_of_the_workspace_only(
    touchpoint, editor, viewer, outsider, django_capture_on_commit_callbacks
):
    body = "@vera_viewer please look; @oscar_outsider too, and me @eddie_editor; mail a@vera_viewer"
    with django_capture_on_commit_callbacks(execute=True):
        comment = services.comment_create(actor=editor, body=body, touchpoint=touchpoint)
    assert kinds_of(viewer) == ["mentioned"]
    assert kinds_of(outsider) == []
    assert kinds_of(editor) == []
    note = Notification.objects.get(recipient=viewer)
    assert (note.object_type, note.object_id) == ("comment", comment.pk)


def test_a_stage_comment_mention_links_to_the_map(
    touchpoint, editor, viewer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_create(actor=viewer, body="cc @EDDIE_EDITOR", stage=touchpoint.stage)
    note = Notification.objects.get(recipient=editor)
    assert note.kind == "mentioned"
    assert note.url == f"/journeys/{touchpoint.stage.journey_id}/"


@pytest.mark.parametrize(
    ("kind", "score", "negative"),
    [("nps", 6, True), ("nps", 7, False), ("csat", 2, True), ("csat", 3, False), ("ces", 2, True)],
)
def test_negative_answers_tell_the_touchpoint_owner(
    workspace, touchpoint, editor, viewer, kind, score, negative, django_capture_on_commit_callbacks
):
    survey = SurveyFactory(workspace=workspace, kind=kind, touchpoint=touchpoint)
    with django_capture_on_commit_callbacks(execute=True):
        feedback_services.response_create(actor=editor, survey=survey, score=score, comment="Late")
    assert kinds_of(viewer) == (["negative_feedback"] if negative else [])


def test_negative_reviews_and_bulk_answers_at_most_one_a_day_per_touchpoint(
    workspace, touchpoint, editor, viewer, django_capture_on_commit_callbacks
):
    survey = SurveyFactory(workspace=workspace, kind="nps", touchpoint=touchpoint)
    with django_capture_on_commit_callbacks(execute=True):
        feedback_services.review_create(
            actor=editor,
            workspace=workspace,
            source="review_site",
            grade=1,
            text="Rude",
            touchpoint=touchpoint,
        )
        feedback_services.responses_create_bulk(
            actor=editor, workspace=workspace, rows=[{"survey": survey, "score": 0}] * 3
        )
    assert kinds_of(viewer) == ["negative_feedback"]
    assert "Rude" in Notification.objects.get(recipient=viewer).text


def test_invitation_accepted_tells_the_inviter_in_their_language(
    workspace, ws_admin, viewer, django_capture_on_commit_callbacks
):
    UserPreference.objects.create(user=ws_admin, language="ru")
    invitation = SimpleNamespace(pk=41, email=viewer.email)
    with django_capture_on_commit_callbacks(execute=True):
        invitation_accepted.send(
            sender=object, invitation=invitation, user=viewer, workspace=workspace, inviter=ws_admin
        )
        invitation_accepted.send(  # sent twice: still one notification
            sender=object, invitation=invitation, user=viewer, workspace=workspace, inviter=ws_admin
        )
    assert kinds_of(ws_admin) == ["invitation_accepted"]
    assert kinds_of(viewer) == []
    note = Notification.objects.get(recipient=ws_admin)
    assert note.url == f"/w/{workspace.pk}/"


def test_preferences_switch_kinds_off(
    touchpoint, editor, viewer, django_capture_on_commit_callbacks
):
    from cjm.notifications.services import notification_preferences_set

    notification_preferences_set(
        actor=viewer,
        choices={"action_assigned": (False, False), "touchpoint_rated_awful": (False, True)},
        time_zone="Europe/Moscow",
        digest=True,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.action_create(actor=editor, touchpoint=touchpoint, title="Quiet", assignee=viewer)
        services.touchpoint_update(actor=editor, touchpoint=touchpoint, rating="awful")
    # Assigned: nothing at all. Awful: not in the app (stored read) but e-mailed.
    assert kinds_of(viewer) == ["touchpoint_rated_awful"]
    assert Notification.objects.get(recipient=viewer).read_at is not None
    assert [m.to for m in mail.outbox if viewer.email in m.to] == [[viewer.email]]
