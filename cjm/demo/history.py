"""Three months of history for the demo maps, written through the same services users call.

``history_seed(workspace)`` adds, for each demo journey that is on the map:

1. customers and their events (``simulate.py``), through ``events_bulk_ingest`` in batches of
   10,000 (the bulk API's limit), one transaction per journey; on the store map, with its
   courier / pick-up branch and optional support step, each customer takes one branch and some
   skip support, so the funnel's steps, branches and ``skipped`` all have figures;
2. NPS / CSAT / CES surveys on touchpoints (``survey_create``) and their answers
   (``responses_create_bulk``, with idempotency keys), reviews with trust levels
   (``reviews_import``), then the weekly feedback aggregates (``feedback_aggregates_refresh``);
3. a funnel report over the last 90 days for each active demo journey
   (``funnel_report_request``; with eager Celery, as under ``make run``, it is computed before
   the call returns, otherwise the worker computes it in a few seconds).

Idempotent, part by part: a journey that has events gets no more, surveys are found by name,
answers and reviews are added only while the workspace has none, and a journey with a report of
the whole audience (pending, running or done) gets no other. So a second run changes nothing, on
the same day or any later one: the history stays dated from the day it was made (after a few
weeks the newest weeks of the feedback charts empty out; ``seed_demo --reset`` makes everything
again, dated from the new day). A run that stopped halfway completes the missing parts.

The times are relative to midnight UTC of ``today`` (the last event is before it), so the same
day and scale give the same rows.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from cjm.choices import JourneyStatus
from cjm.core.tenancy import Workspace
from cjm.funnels.choices import JobStatus
from cjm.funnels.models import Event, FunnelReport
from cjm.funnels.services.events import events_bulk_ingest
from cjm.funnels.services.funnels import funnel_report_request
from cjm.models import Journey
from feedback import services as feedback_services
from feedback.choices import SurveyScope
from feedback.models import FeedbackAggregate, Response, Review, Survey
from personas.models import Segment
from touchpoints.models import Touchpoint

from . import feedback_gen, feedback_plan, people
from .behaviour import PLANS
from .simulate import DAYS, JourneyPlan, MapRefs, Simulation, simulate, steps_of_map

SEED = "cjm-demo"
BATCH = 10_000  # events per events_bulk_ingest call
ANSWER_BATCH = 1_000  # answers per responses_create_bulk call
LANGUAGE = {"store": "ru", "office": "en"}


@dataclass
class HistoryResult:
    events: int = 0
    customers: int = 0
    surveys: int = 0
    answers: int = 0
    reviews: int = 0
    reports: list[FunnelReport] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.events or self.surveys or self.answers or self.reviews or self.reports)


@dataclass
class _Journey:
    plan: JourneyPlan
    journey: Journey
    refs: MapRefs
    ratings: dict  # touchpoint name -> rating
    touchpoints: dict  # touchpoint name -> Touchpoint
    sim: Simulation | None = None


def history_today() -> datetime.date:
    """The UTC date the history ends on (the funnel page's default range ends on it too)."""
    return timezone.now().astimezone(datetime.UTC).date()


def _journeys(workspace: Workspace) -> list[_Journey]:
    """The demo journeys still on the map, with what the simulation needs to know of them."""
    keys = {spec["name"]: spec["key"] for spec in people.SEGMENTS}
    segments = {
        keys[name]: pk
        for pk, name in Segment.objects.filter(workspace=workspace, name__in=keys)
        .order_by("pk")
        .values_list("pk", "name")
    }
    found = []
    for plan in PLANS:
        journey = workspace.journeys.filter(title=plan.title).first()
        if journey is None:
            continue
        stages = list(journey.stages.order_by("position"))
        if len(stages) != len(plan.stages):
            # Stages were added or deleted by hand (or the demo predates the pick-up branch:
            # ``seed_demo --reset`` remakes it): the plan no longer fits the map.
            continue
        position = {stage.pk: index for index, stage in enumerate(stages)}
        # The services read each answer's and review's touchpoint, stage and channel: load them
        # once here rather than once per row.
        touchpoints = list(
            Touchpoint.objects.filter(stage__journey=journey)
            .select_related("stage__journey", "channel")
            .order_by("pk")
        )
        steps, optional = steps_of_map(stages)
        refs = MapRefs(
            stage_ids=tuple(stage.pk for stage in stages),
            touchpoints={
                (position[t.stage_id], t.name): (t.pk, t.rating)
                for t in touchpoints
                if t.stage_id in position
            },
            segments=segments,
            steps=steps,
            optional=optional,
        )
        named = {t.name: t for t in touchpoints}
        ratings = {name: t.rating for name, t in named.items()}
        found.append(_Journey(plan, journey, refs, ratings, named))
    return found


def _simulated(item: _Journey, today: datetime.date, scale: float) -> Simulation:
    if item.sim is None:
        item.sim = simulate(item.plan, item.refs, today=today, scale=scale, seed=SEED)
    return item.sim


def _events(workspace: Workspace, item: _Journey, today, scale, result: HistoryResult) -> None:
    if Event.objects.filter(workspace=workspace, stage__journey=item.journey).exists():
        return
    rows = _simulated(item, today, scale).rows
    with transaction.atomic():
        for start in range(0, len(rows), BATCH):
            ingested = events_bulk_ingest(
                actor=None, rows=rows[start : start + BATCH], workspace_id=workspace.pk
            )
            result.events += ingested.created
    result.customers += item.sim.customers


def _surveys(workspace: Workspace, item: _Journey, today, result: HistoryResult) -> dict:
    """The journey's demo surveys by plan key (created when missing, open since the history's
    first day)."""
    opened = datetime.datetime.combine(
        today - datetime.timedelta(days=DAYS), datetime.time.min, tzinfo=datetime.UTC
    )
    surveys = {}
    language = LANGUAGE[item.plan.key]
    for plan in feedback_plan.SURVEYS[item.plan.key]:
        touchpoint = item.touchpoints.get(plan.touchpoint)
        if touchpoint is None:
            continue
        survey = (
            Survey.objects.filter(workspace=workspace, name=plan.name)
            .select_related("touchpoint__stage__journey", "touchpoint__channel", "channel")
            .first()
        )
        if survey is None:
            survey = feedback_services.survey_create(
                actor=None,
                workspace=workspace,
                name=plan.name,
                kind=plan.kind,
                scope=SurveyScope.TRANSACTIONAL,
                touchpoint=touchpoint,
                default_language=language,
                starts_at=opened,
            )
            result.surveys += 1
        surveys[plan.key] = survey
    return surveys


def _feedback(workspace: Workspace, journeys: list[_Journey], today, scale, result) -> None:
    has_answers = Response.objects.filter(workspace=workspace).exists()
    has_reviews = Review.objects.filter(workspace=workspace).exists()
    used: set[str] = set()
    with transaction.atomic():
        for item in journeys:
            surveys = _surveys(workspace, item, today, result)
            if has_answers and has_reviews:
                continue
            answers, reviews = feedback_gen.feedback_of(
                item.plan.key,
                _simulated(item, today, scale),
                item.ratings,
                today=today,
                scale=scale,
                seed=SEED,
                used=used,
            )
            if not has_answers:
                _answers(workspace, surveys, answers, result)
            if not has_reviews:
                _reviews(workspace, item, reviews, result)
        # The charts read weekly aggregates (refreshed hourly by Celery beat): compute them now
        # so the overview is full at once.
        computed = FeedbackAggregate.objects.filter(workspace=workspace).exists()
        if result.answers or (has_answers and not computed):
            feedback_services.feedback_aggregates_refresh(actor=None, workspace_id=workspace.pk)


def _answers(workspace, surveys: dict, answers, result: HistoryResult) -> None:
    rows = [
        {
            "survey": surveys[answer.survey],
            "score": answer.score,
            "comment": answer.comment,
            "language": answer.language,
            "customer": answer.customer,
            "created_at": answer.at,
            "idempotency_key": answer.key,
        }
        for answer in answers
        if answer.survey in surveys
    ]
    for start in range(0, len(rows), ANSWER_BATCH):
        stored = feedback_services.responses_create_bulk(
            actor=None, workspace=workspace, rows=rows[start : start + ANSWER_BATCH]
        )
        result.answers += stored["created"]


def _reviews(workspace, item: _Journey, reviews, result: HistoryResult) -> None:
    stages = dict(enumerate(item.journey.stages.select_related("journey").order_by("position")))
    rows = []
    for draft in reviews:
        touchpoint = item.touchpoints.get(draft.touchpoint) if draft.touchpoint else None
        rows.append(
            {
                "source": draft.source,
                "external_id": draft.external_id,
                "author": draft.author,
                "grade": draft.grade,
                "text": draft.text,
                "published_at": draft.published_at,
                "url": draft.url,
                "touchpoint": touchpoint,
                # A review of a touchpoint takes its stage (given here with its journey loaded,
                # which saves the service two queries per review).
                "stage": touchpoint.stage if touchpoint else stages.get(draft.stage),
                "trust_level": draft.trust_level,
            }
        )
    stored = feedback_services.reviews_import(actor=None, workspace=workspace, rows=rows)
    result.reviews += stored["created"]


def _reports(workspace: Workspace, journeys: list[_Journey], today, result) -> None:
    requester = (
        get_user_model()
        .objects.filter(username=people.USERS[0]["username"], memberships__workspace=workspace)
        .first()
    )
    for item in journeys:
        journey = item.journey
        if journey.status != JourneyStatus.ACTIVE:
            continue
        existing = FunnelReport.objects.filter(
            journey=journey,
            segment__isnull=True,
            definition__channel__isnull=True,
            status__in=[JobStatus.PENDING, JobStatus.RUNNING, JobStatus.DONE],
        )
        if existing.exists():
            continue
        report = funnel_report_request(
            actor=requester,
            journey=journey,
            date_from=today - datetime.timedelta(days=DAYS),
            date_to=today,
            conversion_window_days=item.plan.window_days,
        )
        report.refresh_from_db()
        result.reports.append(report)


def history_seed(
    workspace: Workspace, *, today: datetime.date | None = None, scale: float = 1.0
) -> HistoryResult:
    """Add what is missing of the demo's history (see the module docstring). Call it outside
    a transaction: the funnel reports are computed once the events are committed."""
    if scale <= 0:
        raise ValueError("The scale must be positive.")
    today = today or history_today()
    result = HistoryResult()
    journeys = _journeys(workspace)
    for item in journeys:
        _events(workspace, item, today, scale, result)
    _feedback(workspace, journeys, today, scale, result)
    _reports(workspace, journeys, today, result)
    return result
