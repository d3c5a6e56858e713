"""Every kind of write that changes what a map shows, through the services.

Each case takes the world (tests/api/conftest.py ``build_world``, plus ``w.admin`` and
``w.colleague``), prepares what it needs and returns the write itself, so a test can read the
map before and after exactly that write.
"""

import datetime

from cjm import services
from feedback.services import feedback_aggregates_refresh, touchpoint_apply_suggested_rating
from personas import services as persona_services
from tests.feedback.factories import ResponseFactory, TransactionalSurveyFactory
from touchpoints import services as tp

TODAY = datetime.date.today()


def journey_update(w):
    return lambda: services.journey_update(actor=w.admin, journey=w.journey, title="Renamed")


def journey_personas_set(w):
    other = persona_services.persona_create(actor=w.admin, workspace=w.workspace, name="Boris")
    return lambda: persona_services.persona_journeys_set(
        actor=w.admin, persona=other, journeys=[w.journey]
    )


def stage_create(w):
    return lambda: services.stage_create(actor=w.admin, journey=w.journey, name="New", position=0)


def stage_update(w):
    return lambda: services.stage_update(actor=w.admin, stage=w.stage, moment_of_truth="fmot")


def stage_move(w):
    return lambda: services.stage_move(actor=w.admin, stage=w.stage, position=1)


def stage_delete(w):
    return lambda: services.stage_delete(actor=w.admin, stage=w.other_stage)


def lane_create(w):
    return lambda: services.lane_create(actor=w.admin, journey=w.journey, name="Ideas")


def lane_hide(w):
    return lambda: services.lane_update(actor=w.admin, lane=w.custom_lane, is_hidden=True)


def lane_move(w):
    return lambda: services.lane_move(actor=w.admin, lane=w.custom_lane, position=0)


def lane_delete(w):
    return lambda: services.lane_delete(actor=w.admin, lane=w.custom_lane)


def cell_create(w):
    return lambda: services.lane_cell_set(
        actor=w.admin, lane=w.custom_lane, stage=w.stage, text="A note"
    )


def cell_update(w):
    return lambda: services.lane_cell_set(
        actor=w.admin, lane=w.emotions_lane, stage=w.stage, emotion_score=-2
    )


def touchpoint_create(w):
    return lambda: tp.touchpoint_create(actor=w.admin, stage=w.stage, name="Chat")


def touchpoint_update(w):
    return lambda: tp.touchpoint_update(actor=w.admin, touchpoint=w.touchpoint, importance=9)


def touchpoint_rating(w):
    return lambda: tp.touchpoint_update(
        actor=w.admin, touchpoint=w.touchpoint, rating="awful", rating_note="Queues"
    )


def touchpoint_move_within(w):
    return lambda: tp.touchpoint_move(actor=w.admin, touchpoint=w.touchpoint, position=1)


def touchpoint_move_across(w):
    return lambda: tp.touchpoint_move(
        actor=w.admin, touchpoint=w.touchpoint, position=0, stage=w.other_stage
    )


def touchpoint_delete(w):
    return lambda: tp.touchpoint_delete(actor=w.admin, touchpoint=w.touchpoint)


def action_create(w):
    return lambda: tp.action_create(
        actor=w.admin, touchpoint=w.touchpoint, title="Call back", due_date=TODAY
    )


def action_done(w):
    return lambda: tp.action_update(actor=w.admin, action=w.action, status="done")


def action_delete(w):
    return lambda: tp.action_delete(actor=w.admin, action=w.action)


def comment_create(w):
    return lambda: tp.comment_create(actor=w.admin, touchpoint=w.touchpoint, body="Why?")


def comment_delete(w):
    return lambda: tp.comment_delete(actor=w.admin, comment=w.comment)


def persona_update(w):
    return lambda: persona_services.persona_update(actor=w.admin, persona=w.persona, name="Ann")


def persona_delete(w):
    return lambda: persona_services.persona_delete(actor=w.admin, persona=w.persona)


def segment_update(w):
    return lambda: persona_services.segment_update(actor=w.admin, segment=w.segment, name="Pa")


def segment_delete(w):
    return lambda: persona_services.segment_delete(actor=w.admin, segment=w.segment)


def channel_update(w):
    return lambda: tp.channel_update(actor=w.admin, channel=w.channel, name="Web site")


def channel_delete(w):
    return lambda: tp.channel_delete(actor=w.admin, channel=w.channel)


def team_update(w):
    return lambda: services.team_update(actor=w.admin, team=w.team, name="Care")


def team_delete(w):
    return lambda: services.team_delete(actor=w.admin, team=w.team)


def workspace_rename(w):
    return lambda: services.workspace_update(actor=w.admin, workspace=w.workspace, name="Acme")


def member_removed(w):
    tp.touchpoint_update(actor=w.admin, touchpoint=w.touchpoint, owner=w.colleague)
    return lambda: services.membership_remove(
        actor=w.admin, workspace=w.workspace, user=w.colleague
    )


def funnel_report_finished(w):
    report = services.funnel_report_request(
        actor=w.admin, journey=w.journey, date_from=TODAY - datetime.timedelta(days=30),
        date_to=TODAY,
    )  # fmt: skip
    return lambda: services.funnel_report_run(report_id=report.pk)


def _unhappy_answers(w) -> None:
    survey = TransactionalSurveyFactory(workspace=w.workspace, touchpoint=w.touchpoint)
    for score in [0, 1, 2, 3, 2, 1, 0, 3, 2, 1]:
        ResponseFactory(survey=survey, score=score)


def feedback_aggregates_changed(w):
    _unhappy_answers(w)
    return lambda: feedback_aggregates_refresh(actor=w.admin, workspace_id=w.workspace.pk)


def suggested_rating_applied(w):
    _unhappy_answers(w)
    return lambda: touchpoint_apply_suggested_rating(actor=w.admin, touchpoint=w.touchpoint)


CASES = [
    journey_update, journey_personas_set, stage_create, stage_update, stage_move, stage_delete,
    lane_create, lane_hide, lane_move, lane_delete, cell_create, cell_update, touchpoint_create,
    touchpoint_update, touchpoint_rating, touchpoint_move_within, touchpoint_move_across,
    touchpoint_delete, action_create, action_done, action_delete, comment_create, comment_delete,
    persona_update, persona_delete, segment_update, segment_delete, channel_update,
    channel_delete, team_update, team_delete, workspace_rename, member_removed,
    funnel_report_finished, feedback_aggregates_changed, suggested_rating_applied,
]  # fmt: skip
