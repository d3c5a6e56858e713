"""The evidence in the browser: the done date in the drawer's action form, the impact card, the
outcome on the map and in the register, "What to fix first", stale maps on the home page."""

import datetime

import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from cjm.evidence.models import ActionOutcome
from cjm.evidence.services import action_outcomes_refresh
from tests.factories import ActionFactory, TouchpointFactory
from touchpoints.services import action_update

from .helpers import DONE, done_action, scripted
from .test_api import ledger_world

pytestmark = pytest.mark.django_db
HX = {"HX-Request": "true"}


def test_the_drawer_form_takes_the_day_the_action_was_done(client, world, editor):
    action = ActionFactory(touchpoint=world.touchpoints[1][0], title="Shorter form")
    client.force_login(editor)
    url = reverse("touchpoints:action_edit", args=[action.pk])
    assert 'name="done_on"' in client.get(url, headers=HX).content.decode()
    data = {"title": "Shorter form", "status": "done", "done_on": "2026-03-01", "version": 1}
    assert client.post(url, data, headers=HX).status_code == 200
    action.refresh_from_db()
    assert timezone.localtime(action.done_at).date() == datetime.date(2026, 3, 1)
    # a future day is refused beside the form, nothing saved
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    data = {**data, "done_on": future, "version": 2}
    answer = client.post(url, data, headers=HX)
    assert answer.status_code == 422
    assert "cannot be in the future" in answer.content.decode()
    action.refresh_from_db()
    assert timezone.localtime(action.done_at).date() == datetime.date(2026, 3, 1)


def test_the_drawer_shows_the_impact_card_of_done_actions(client, world, viewer):
    scripted(world)
    action = done_action(world)
    client.force_login(viewer)
    drawer = client.get(reverse("touchpoints:touchpoint_detail", args=[action.touchpoint_id]))
    card_url = reverse("cjm:action_impact", args=[action.pk])
    assert f'hx-get="{card_url}"' in drawer.content.decode()
    card = client.get(card_url, headers=HX).content.decode()
    assert "Exits fell from 40% to 10%: significant" in card
    assert "40 of 100 customers" in card and "10 of 100 customers" in card
    page = client.get(card_url)  # the link without htmx: a page of its own
    assert page.status_code == 200 and "<html" in page.content.decode()
    week = client.get(card_url + "?window_days=7", headers=HX).content.decode()
    assert 'aria-current="true">7' in week


def test_impact_card_is_a_404_for_outsiders(client, world, outsider):
    action = done_action(world)
    client.force_login(outsider)
    assert client.get(reverse("cjm:action_impact", args=[action.pk])).status_code == 404


def test_marking_done_measures_the_outcome_for_the_map_and_the_register(client, world, editor):
    scripted(world)
    action = ActionFactory(touchpoint=world.touchpoints[1][0])
    with TestCase.captureOnCommitCallbacks(execute=True):
        action_update(actor=editor, action=action, status="done", done_at=DONE)
    outcome = ActionOutcome.objects.get(action=action)
    assert outcome.outcome == "worked"
    assert outcome.exit_rate_before == pytest.approx(0.4)
    client.force_login(editor)
    register = reverse("touchpoints:touchpoint_list", args=[world.workspace.pk])
    html = client.get(register).content.decode()
    assert "1 worked" in html
    only = client.get(register + "?action_impact=worked").content.decode()
    assert world.touchpoints[1][0].name in only and world.touchpoints[1][1].name not in only
    none = client.get(register + "?action_impact=did_not_work").content.decode()
    assert world.touchpoints[1][0].name not in none
    map_html = client.get(reverse("cjm:journey_detail", args=[world.journey.pk])).content.decode()
    assert "impact-badge--worked" in map_html
    # reopened: the outcome no longer counts
    with TestCase.captureOnCommitCallbacks(execute=True):
        action_update(actor=editor, action=action, status="open")
    assert not ActionOutcome.objects.filter(action=action).exists()


def test_nightly_refresh_measures_actions_once_their_window_has_passed(world):
    done_at = timezone.now() - datetime.timedelta(days=10)
    action = done_action(world, done_at=done_at)
    action_outcomes_refresh()
    assert ActionOutcome.objects.get(action=action).outcome == "too_early"
    assert action_outcomes_refresh() == 0  # nothing changed: nothing written
    action_outcomes_refresh(now=done_at + datetime.timedelta(days=29))
    assert ActionOutcome.objects.get(action=action).outcome == "not_measurable"  # no events


def test_nightly_refresh_drops_the_outcome_of_an_action_no_longer_done(world, editor):
    action = done_action(world, done_at=timezone.now() - datetime.timedelta(days=10))
    action_outcomes_refresh()
    assert ActionOutcome.objects.filter(action=action).exists()
    # Reopened while the worker was down: the on-commit measurement never ran.
    with TestCase.captureOnCommitCallbacks(execute=False):
        action_update(actor=editor, action=action, status="open")
    assert ActionOutcome.objects.filter(action=action).exists()
    assert action_outcomes_refresh() == 1
    assert not ActionOutcome.objects.filter(action=action).exists()
    assert action_outcomes_refresh() == 0


def test_what_to_fix_first_page(client, world, viewer, editor):
    bad, good = ledger_world(world, editor)
    client.force_login(viewer)
    html = client.get(reverse("cjm:moments_of_truth", args=[world.journey.pk])).content.decode()
    assert html.index(bad.name) < html.index(good.name)
    assert "Why is this first?" in html
    assert "How the score is made" in html
    journey_page = client.get(reverse("cjm:journey_detail", args=[world.journey.pk]))
    assert reverse("cjm:moments_of_truth", args=[world.journey.pk]) in journey_page.content.decode()


def test_what_to_fix_first_is_a_404_for_outsiders(client, world, outsider):
    client.force_login(outsider)
    assert client.get(reverse("cjm:moments_of_truth", args=[world.journey.pk])).status_code == 404


@pytest.mark.parametrize("extra", [0, 6])
def test_what_to_fix_first_query_count_is_fixed(
    client, world, viewer, editor, extra, django_assert_num_queries
):
    ledger_world(world, editor)
    for n in range(extra):
        TouchpointFactory(stage=world.stages[n % 3], name=f"Extra {n}")
    client.force_login(viewer)
    url = reverse("cjm:moments_of_truth", args=[world.journey.pk])
    client.get(url)  # warm the session
    # session, user, journey, role, touchpoints, report, rating changes, feedback (settings,
    # answers, reviews), last feedback (answers, reviews), and the page's menus
    with django_assert_num_queries(13):
        assert client.get(url).status_code == 200


def test_the_home_page_says_when_a_map_is_mostly_stale(client, world, viewer, editor):
    client.force_login(viewer)
    home = reverse("cjm:workspace_detail", args=[world.workspace.pk])
    html = client.get(home).content.decode()
    assert "6 of 6 touchpoints have no evidence newer than 90 days" in html
    ledger_world(world, editor)  # a fresh report: exits are evidence for every touchpoint
    html = client.get(home).content.decode()
    assert "have no evidence newer than" not in html


def test_regrouping_the_steps_measures_the_done_actions_again(world, editor):
    """A done action's cached outcome (the map's badge) follows the map's steps: when its stage
    becomes a branch of the last step, nobody can leave from it any more, so the fall in exits
    it was credited with is gone."""
    from cjm.services.steps import stage_step_join, stage_step_leave

    scripted(world)
    action = ActionFactory(touchpoint=world.touchpoints[1][0])
    with TestCase.captureOnCommitCallbacks(execute=True):
        action_update(actor=editor, action=action, status="done", done_at=DONE)
    assert ActionOutcome.objects.get(action=action).outcome == "worked"
    with TestCase.captureOnCommitCallbacks(execute=True):
        stage_step_join(actor=editor, stage=world.stages[1], target=world.stages[2])
    outcome = ActionOutcome.objects.get(action=action)
    assert outcome.outcome == "did_not_work"
    assert (outcome.exit_rate_before, outcome.exit_rate_after) == (0, 0)
    with TestCase.captureOnCommitCallbacks(execute=True):
        stage_step_leave(actor=editor, stage=world.stages[2])  # back to 1, 2, 3
    assert ActionOutcome.objects.get(action=action).outcome == "worked"
