"""Producers: each event fires once per change, from a page and from the API."""

import datetime

import pytest
from django.db import transaction
from django.urls import reverse
from rest_framework.test import APIClient

from cjm import services as journey_services
from cjm.webhooks import tasks
from feedback.services.reviews import reviews_import
from tests.feedback.factories import SurveyFactory
from touchpoints import services as touchpoint_services

pytestmark = pytest.mark.django_db
API = "/api/v1/"


@pytest.fixture
def emitted(monkeypatch):
    """The events handed to the fan-out task, as (workspace id, event, data)."""
    seen = []
    monkeypatch.setattr(
        tasks.webhook_event_fanout, "delay", lambda *args: seen.append(args), raising=False
    )
    return seen


def events(seen, name):
    return [data for _, event, data in seen if event == name]


@pytest.fixture
def touchpoint(workspace, editor):
    journey = journey_services.journey_create(
        actor=editor, workspace=workspace, title="Store", stage_names=["Search"]
    )
    return touchpoint_services.touchpoint_create(
        actor=editor, stage=journey.stages.get(), name="Courier call"
    )


def api_for(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


def test_rating_change_fires_once_from_the_page_and_from_the_api(
    client, editor, touchpoint, emitted, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    url = reverse("touchpoints:touchpoint_rating", args=[touchpoint.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"rating": "awful", "version": touchpoint.version})
    (page,) = events(emitted, "touchpoint.rating_changed")
    assert page["rating"] == {"old": "unrated", "new": "awful"}
    assert page["touchpoint"] == touchpoint.pk and page["source"] == "ui"
    with django_capture_on_commit_callbacks(execute=True):
        answer = api_for(editor).patch(
            f"{API}touchpoints/{touchpoint.pk}/", {"rating": "excellent"}, format="json"
        )
        api_for(editor).patch(f"{API}touchpoints/{touchpoint.pk}/", {"name": "Call"})
    assert answer.status_code == 200
    changes = events(emitted, "touchpoint.rating_changed")
    assert len(changes) == 2  # the rename fired nothing
    assert changes[1]["rating"] == {"old": "awful", "new": "excellent"}
    assert changes[1]["source"] == "api"


def test_action_created_fires_once_from_the_page_and_from_the_api(
    client, editor, touchpoint, emitted, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    url = reverse("touchpoints:action_list", args=[touchpoint.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"title": "Call back"}, HTTP_HX_REQUEST="true")
    assert [d["title"] for d in events(emitted, "action.created")] == ["Call back"]
    with django_capture_on_commit_callbacks(execute=True):
        answer = api_for(editor).post(
            f"{API}actions/", {"touchpoint": touchpoint.pk, "title": "Script"}, format="json"
        )
    assert answer.status_code == 201
    created = events(emitted, "action.created")
    assert [d["title"] for d in created] == ["Call back", "Script"]
    assert created[1]["action"] == answer.json()["id"] and created[1]["touchpoint"] == touchpoint.pk


def test_action_overdue_fires_once_per_action(touchpoint, editor, emitted):
    today = datetime.date.today()
    late = touchpoint_services.action_create(
        actor=editor, touchpoint=touchpoint, title="Late", due_date=today - datetime.timedelta(1)
    )
    touchpoint_services.action_create(
        actor=editor, touchpoint=touchpoint, title="Soon", due_date=today + datetime.timedelta(1)
    )
    touchpoint_services.action_create(
        actor=editor,
        touchpoint=touchpoint,
        title="Done",
        due_date=today - datetime.timedelta(3),
        status="done",
    )
    assert tasks.webhooks_overdue_send() == 1
    assert tasks.webhooks_overdue_send() == 0
    (data,) = events(emitted, "action.overdue")
    assert data["action"] == late.pk and data["due_date"] == late.due_date.isoformat()


def test_negative_feedback_fires_from_the_public_page_and_the_api(
    client, workspace, editor, touchpoint, emitted, django_capture_on_commit_callbacks
):
    survey = SurveyFactory(workspace=workspace, touchpoint=touchpoint, stage=touchpoint.stage)
    url = reverse("feedback:public_answer", args=[survey.public_token])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{url}?lang=en", {"score": "2", "comment": ""})
        client.post(f"{url}?lang=en", {"score": "10", "comment": ""})
    (page,) = events(emitted, "feedback.negative")
    assert page["score"] == 2 and page["touchpoint"] == touchpoint.pk
    with django_capture_on_commit_callbacks(execute=True):
        answer = api_for(editor).post(
            f"{API}responses/", {"survey": survey.pk, "score": 3}, format="json"
        )
        api_for(editor).post(f"{API}responses/", {"survey": survey.pk, "score": 9}, format="json")
    assert answer.status_code == 201, answer.json()
    negative = events(emitted, "feedback.negative")
    assert [d["score"] for d in negative] == [2, 3]
    assert negative[1]["id"] == answer.json()["id"]


def test_funnel_report_done_fires_once(
    workspace, editor, touchpoint, emitted, django_capture_on_commit_callbacks
):
    journey = touchpoint.stage.journey
    body = {"date_from": "2026-03-01", "date_to": "2026-03-31"}
    with django_capture_on_commit_callbacks(execute=True):
        answer = api_for(editor).post(f"{API}journeys/{journey.pk}/funnel-reports/", body)
    assert answer.status_code == 202
    (done,) = events(emitted, "funnel_report.done")
    assert done["funnel_report"] == answer.json()["id"] and done["journey"] == journey.pk


def test_negative_reviews_fire_once_each_and_a_rollback_fires_nothing(
    workspace, editor, touchpoint, emitted, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reviews_import(
            actor=editor,
            workspace=workspace,
            rows=[
                {"source": "marketplace", "external_id": "a", "grade": 1, "touchpoint": touchpoint},
                {"source": "marketplace", "external_id": "b", "grade": 5},
            ],
        )
    assert [(d["kind"], d["grade"]) for d in events(emitted, "feedback.negative")] == [
        ("review", 1)
    ]
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        touchpoint_services.touchpoint_update(actor=editor, touchpoint=touchpoint, rating="awful")
        raise RuntimeError
    assert events(emitted, "touchpoint.rating_changed") == []
