"""The API: done_at on actions, ``actions/{id}/impact/`` and ``journeys/{id}/moments-of-truth/``
through the router with token authentication."""

import datetime

import pytest
from django.test import TestCase
from django.utils import timezone

from cjm.funnels.facade import funnel_report_request
from cjm.funnels.models import FunnelReport
from tests.factories import ActionFactory, TouchpointFactory

from .helpers import DONE, done_action, scripted, store, walkers

pytestmark = pytest.mark.django_db


def test_done_at_in_the_past_is_kept(clients, world):
    action = ActionFactory(touchpoint=world.touchpoints[1][0])
    when = "2026-03-01T10:00:00Z"
    answer = clients["editor"].patch(
        f"/api/v1/actions/{action.pk}/", {"status": "done", "done_at": when}, format="json"
    )
    assert answer.status_code == 200, answer.json()
    assert answer.json()["done_at"].startswith("2026-03-01T10:00:00")
    action.refresh_from_db()
    assert action.done_at == datetime.datetime(2026, 3, 1, 10, tzinfo=datetime.UTC)
    # ... and may be corrected after the action was marked done
    answer = clients["editor"].patch(
        f"/api/v1/actions/{action.pk}/", {"done_at": "2026-02-20T08:00:00Z"}, format="json"
    )
    assert answer.status_code == 200
    assert answer.json()["done_at"].startswith("2026-02-20T08:00:00")


def test_done_at_defaults_to_now(clients, world):
    action = ActionFactory(touchpoint=world.touchpoints[1][0])
    before = timezone.now()
    answer = clients["editor"].patch(
        f"/api/v1/actions/{action.pk}/", {"status": "done"}, format="json"
    )
    assert answer.status_code == 200
    action.refresh_from_db()
    assert before <= action.done_at <= timezone.now()


def test_done_at_in_the_future_is_a_400_and_nothing_is_saved(clients, world):
    action = ActionFactory(touchpoint=world.touchpoints[1][0], title="Shorter form")
    future = (timezone.now() + datetime.timedelta(hours=2)).isoformat()
    answer = clients["editor"].patch(
        f"/api/v1/actions/{action.pk}/",
        {"status": "done", "done_at": future, "title": "Changed"},
        format="json",
    )
    assert answer.status_code == 400
    assert "done_at" in answer.json()
    action.refresh_from_db()
    assert (action.status, action.done_at, action.title) == ("open", None, "Shorter form")


def test_done_at_on_an_action_that_is_not_done_is_a_400(clients, world):
    action = ActionFactory(touchpoint=world.touchpoints[1][0])
    answer = clients["editor"].patch(
        f"/api/v1/actions/{action.pk}/", {"done_at": "2026-03-01T10:00:00Z"}, format="json"
    )
    assert answer.status_code == 400
    assert "done_at" in answer.json()


def test_done_at_on_create(clients, world):
    answer = clients["editor"].post(
        "/api/v1/actions/",
        {
            "touchpoint": world.touchpoints[1][0].pk,
            "title": "Fixed the form",
            "status": "done",
            "done_at": "2026-03-01T10:00:00Z",
        },
        format="json",
    )
    assert answer.status_code == 201, answer.json()
    assert answer.json()["done_at"].startswith("2026-03-01T10:00:00")


def test_the_assignee_may_give_the_done_time_of_their_own_action(clients, world, viewer):
    action = ActionFactory(touchpoint=world.touchpoints[1][0], assignee=viewer)
    answer = clients["viewer"].patch(
        f"/api/v1/actions/{action.pk}/",
        {"status": "done", "done_at": "2026-03-01T10:00:00Z"},
        format="json",
    )
    assert answer.status_code == 200, answer.json()


def test_impact_endpoint_as_the_contract_says(clients, world):
    scripted(world)
    action = done_action(world)
    answer = clients["viewer"].get(f"/api/v1/actions/{action.pk}/impact/")
    assert answer.status_code == 200
    body = answer.json()
    assert body["status"] == "measured"
    assert body["window_days"] == 28
    assert body["done_at"].startswith("2026-04-01T00:00:00")
    for window in ("before", "after"):
        assert set(body[window]) >= {
            "from",
            "to",
            "entered",
            "exit_customers",
            "exit_rate",
            "nps",
            "responses",
        }
    assert body["before"]["from"].startswith("2026-03-04T00:00:00")
    assert body["before"]["to"] == body["after"]["from"]
    assert body["before"]["exit_rate"] == pytest.approx(0.4)
    assert body["after"]["exit_rate"] == pytest.approx(0.1)
    assert body["test"] == "z" and body["test_name"] == "two-proportion z-test"
    assert body["outcome"] == "worked"
    assert body["verdict"].startswith("Exits fell from 40% to 10%")


def test_impact_window_days(clients, world):
    scripted(world)
    action = done_action(world)
    answer = clients["viewer"].get(f"/api/v1/actions/{action.pk}/impact/?window_days=7")
    assert answer.status_code == 200
    assert answer.json()["window_days"] == 7
    for bad in ("6", "366", "x"):
        answer = clients["viewer"].get(f"/api/v1/actions/{action.pk}/impact/?window_days={bad}")
        assert answer.status_code == 400
        assert "window_days" in answer.json()


def test_impact_of_an_open_action_is_a_400(clients, world):
    action = ActionFactory(touchpoint=world.touchpoints[1][0])
    answer = clients["viewer"].get(f"/api/v1/actions/{action.pk}/impact/")
    assert answer.status_code == 400


def test_impact_is_hidden_from_outsiders(clients, world):
    action = done_action(world)
    assert clients["anonymous"].get(f"/api/v1/actions/{action.pk}/impact/").status_code == 401
    assert clients["outsider"].get(f"/api/v1/actions/{action.pk}/impact/").status_code == 404


def test_impact_query_count_is_fixed(clients, world, django_assert_num_queries):
    scripted(world)
    action = done_action(world)
    client = clients["viewer"]
    url = f"/api/v1/actions/{action.pk}/impact/"
    # token, action, stages, the event watermark, per window the counting statement (between
    # turning nested loops off and back on) and NPS
    with django_assert_num_queries(12):
        assert client.get(url).status_code == 200
    # counted already, no event since: the counts come from the cache
    with django_assert_num_queries(6):
        assert client.get(url).status_code == 200


# --- moments of truth ----------------------------------------------------------------------


def ledger_world(world, actor):
    """A finished report whose exits all happen at touchpoint 2.1 (critical and awful), while
    touchpoint 3.1 is excellent and has none."""
    bad = world.touchpoints[1][0]
    bad.is_critical, bad.rating, bad.importance = True, "awful", 5
    bad.save()
    good = world.touchpoints[2][0]
    good.rating, good.importance = "excellent", 5
    good.save()
    store(world, walkers(world, prefix="b", start=DONE, converted=10, left=30, other=0))
    with TestCase.captureOnCommitCallbacks(execute=True):  # the job runs eagerly on commit
        funnel_report_request(
            actor=actor,
            journey=world.journey,
            date_from=DONE.date(),
            date_to=(DONE + datetime.timedelta(days=20)).date(),
        )
    assert FunnelReport.objects.filter(status="done").exists()
    return bad, good


def test_ledger_ranks_a_critical_awful_touchpoint_with_exits_above_an_excellent_one(
    clients, world, editor
):
    bad, good = ledger_world(world, editor)
    answer = clients["viewer"].get(f"/api/v1/journeys/{world.journey.pk}/moments-of-truth/")
    assert answer.status_code == 200
    body = answer.json()
    assert body["count"] == 6
    rows = {row["touchpoint"]: row for row in body["results"]}
    assert rows[bad.pk]["rank"] == 1
    assert rows[bad.pk]["rank"] < rows[good.pk]["rank"]
    assert rows[bad.pk]["exit_customers"] == 30
    assert rows[bad.pk]["exit_share"] == pytest.approx(1.0)
    assert rows[good.pk]["exit_customers"] == 0
    assert [row["rank"] for row in body["results"]] == list(range(1, 7))
    scores = [row["score"] for row in body["results"]]
    assert scores == sorted(scores, reverse=True)
    first = body["results"][0]
    assert set(first) >= {
        "touchpoint",
        "stage",
        "rank",
        "score",
        "rating",
        "importance",
        "is_critical",
        "exit_customers",
        "exit_share",
        "feedback_index",
        "owner",
        "team",
        "open_actions",
        "last_rated_at",
        "last_feedback_at",
        "stale",
    }
    assert sum(first["score_parts"].values()) == pytest.approx(first["score"], abs=0.2)


def test_ledger_marks_stale_evidence(clients, world, settings, editor):
    ledger_world(world, editor)
    rows = clients["viewer"].get(f"/api/v1/journeys/{world.journey.pk}/moments-of-truth/")
    assert not any(row["stale"] for row in rows.json()["results"])  # the report is fresh
    settings.CJM_EVIDENCE_STALE_DAYS = 0
    rows = clients["viewer"].get(f"/api/v1/journeys/{world.journey.pk}/moments-of-truth/")
    assert all(row["stale"] for row in rows.json()["results"])


def test_ledger_without_any_evidence_is_stale_everywhere(clients, world):
    rows = clients["viewer"].get(f"/api/v1/journeys/{world.journey.pk}/moments-of-truth/")
    assert rows.status_code == 200
    assert all(row["stale"] and row["exit_share"] is None for row in rows.json()["results"])


def test_ledger_is_hidden_from_outsiders(clients, world):
    url = f"/api/v1/journeys/{world.journey.pk}/moments-of-truth/"
    assert clients["anonymous"].get(url).status_code == 401
    assert clients["outsider"].get(url).status_code == 404


@pytest.mark.parametrize("extra", [0, 5])
def test_ledger_query_count_is_fixed(clients, world, extra, editor, django_assert_num_queries):
    ledger_world(world, editor)
    for n in range(extra):
        TouchpointFactory(stage=world.stages[n % 3], name=f"Extra {n}")
        ActionFactory(touchpoint=world.touchpoints[0][0])
    client = clients["viewer"]
    url = f"/api/v1/journeys/{world.journey.pk}/moments-of-truth/"
    # token, journey, touchpoints, report, rating changes, feedback (settings, answers,
    # reviews), last feedback (answers, reviews)
    with django_assert_num_queries(10):
        assert client.get(url).status_code == 200
