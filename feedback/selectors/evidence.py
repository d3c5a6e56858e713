"""What feedback says about touchpoints and stages: for map-card badges, the touchpoint drawer,
suggested ratings and the evidence-based emotion curve. Each function runs a fixed number of
grouped queries, whatever the number of touchpoints or stages.

Both look at the workspace's recent window (``suggest_window_days``). The feedback index puts
every answer on 0-100 along its own scale (NPS 0-10, CSAT 1-5, CES 1-7) and every review on 0-100
by its grade (or, without a grade, its text sentiment), reviews weighted by trust level.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Case, Count, ExpressionWrapper, F, FloatField, Max, Q, Sum, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from cjm.choices import LaneKind
from feedback import metrics
from feedback.choices import SurveyKind
from feedback.models import FeedbackSettings, Response, Review
from feedback.selectors.settings import feedback_settings_for
from touchpoints.choices import Rating


@dataclass
class TouchpointFeedback:
    touchpoint_id: int
    answers: int = 0  # survey answers in the window
    reviews: int = 0
    by_kind: dict[str, metrics.Counts] = field(default_factory=dict)
    index: float | None = None  # 0-100
    review_score: float | None = None  # trust-weighted mean grade, 1-5
    suggested_rating: str | None = None  # a Rating value, None when evidence is too thin
    min_answers: int = 0

    @property
    def evidence(self) -> int:
        return self.answers + self.reviews

    @property
    def nps(self) -> float | None:
        return self.by_kind.get(SurveyKind.NPS, metrics.Counts()).value(SurveyKind.NPS)

    @property
    def csat(self) -> float | None:
        return self.by_kind.get(SurveyKind.CSAT, metrics.Counts()).value(SurveyKind.CSAT)

    @property
    def ces(self) -> float | None:
        return self.by_kind.get(SurveyKind.CES, metrics.Counts()).value(SurveyKind.CES)

    def answers_of(self, kind: str) -> int:
        return self.by_kind.get(kind, metrics.Counts()).answers


@dataclass
class StageEmotion:
    stage_id: int
    score: float | None  # -3..+3, None without evidence
    answers: int
    reviews: int

    @property
    def evidence(self) -> int:
        return self.answers + self.reviews


def _since(settings: FeedbackSettings, now=None) -> datetime.datetime:
    return (now or timezone.now()) - datetime.timedelta(days=settings.suggest_window_days)


def _answer_counts(qs, group: str):
    return qs.values(group, "kind").annotate(
        answers=Count("id"),
        promoters=Count("id", filter=Q(score__gte=metrics.PROMOTER_FROM)),
        detractors=Count("id", filter=Q(score__lte=metrics.DETRACTOR_UP_TO)),
        satisfied=Count("id", filter=Q(score__gte=metrics.SATISFIED_FROM)),
        score_sum=Sum("score"),
    )


def _review_sums(qs, group: str):
    """Per group and trust level: number of reviews and the sum of their 0-100 index."""
    review_index = Case(
        When(grade__isnull=False, then=ExpressionWrapper((F("grade") - 1) * 25.0, FloatField())),
        When(
            sentiment_score__isnull=False,
            then=ExpressionWrapper((F("sentiment_score") + 1) * 50.0, FloatField()),
        ),
        default=None,
        output_field=FloatField(),
    )
    graded = ExpressionWrapper(F("grade") * 1.0, FloatField())
    return qs.values(group, "trust_level").annotate(
        n=Count("id", filter=Q(grade__isnull=False) | Q(sentiment_score__isnull=False)),
        index_sum=Sum(review_index),
        graded=Count("grade"),
        grade_sum=Sum(graded),
    )


def suggest_rating(index: float | None, evidence: int, settings: FeedbackSettings) -> str | None:
    if index is None or evidence < settings.suggest_min_answers:
        return None
    if index >= settings.suggest_excellent_from:
        return Rating.EXCELLENT
    if index < settings.suggest_awful_below:
        return Rating.AWFUL
    return Rating.SO_SO


def touchpoint_feedback(
    *, workspace_id: int, touchpoint_ids=None, now=None
) -> dict[int, TouchpointFeedback]:
    """Per touchpoint id (only those with feedback): recent NPS / CSAT / CES with answer counts,
    the trust-weighted review score, the feedback index and the suggested rating."""
    settings = feedback_settings_for(workspace_id)
    weights = settings.trust_weights()
    since = _since(settings, now)
    answers = Response.objects.filter(
        workspace_id=workspace_id, touchpoint__isnull=False, created_at__gte=since
    )
    reviews = Review.objects.filter(
        workspace_id=workspace_id, touchpoint__isnull=False, published_at__gte=since
    )
    if touchpoint_ids is not None:
        answers = answers.filter(touchpoint_id__in=touchpoint_ids)
        reviews = reviews.filter(touchpoint_id__in=touchpoint_ids)
    result: dict[int, TouchpointFeedback] = {}
    index_sum: dict[int, float] = defaultdict(float)
    index_weight: dict[int, float] = defaultdict(float)
    grade_sum: dict[int, float] = defaultdict(float)
    grade_weight: dict[int, float] = defaultdict(float)
    for row in _answer_counts(answers.order_by(), "touchpoint_id"):
        pk = row["touchpoint_id"]
        item = result.setdefault(pk, TouchpointFeedback(pk))
        counts = metrics.Counts(
            row["answers"], row["promoters"], row["detractors"], row["satisfied"], row["score_sum"]
        )
        item.by_kind[row["kind"]] = counts
        item.answers += counts.answers
        index_sum[pk] += metrics.index_of_sum(row["kind"], counts.score_sum, counts.answers)
        index_weight[pk] += counts.answers
    for row in _review_sums(reviews.order_by(), "touchpoint_id"):
        pk, weight = row["touchpoint_id"], weights.get(row["trust_level"], 0.0)
        item = result.setdefault(pk, TouchpointFeedback(pk))
        item.reviews += row["n"]
        index_sum[pk] += weight * (row["index_sum"] or 0.0)
        index_weight[pk] += weight * row["n"]
        grade_sum[pk] += weight * (row["grade_sum"] or 0.0)
        grade_weight[pk] += weight * row["graded"]
    for pk, item in result.items():
        item.min_answers = settings.suggest_min_answers
        if index_weight[pk]:
            item.index = round(index_sum[pk] / index_weight[pk], 1)
        if grade_weight[pk]:
            item.review_score = round(grade_sum[pk] / grade_weight[pk], 2)
        item.suggested_rating = suggest_rating(item.index, item.evidence, settings)
    return result


def stage_emotion_scores(*, workspace_id: int, stage_ids=None, now=None) -> dict[int, StageEmotion]:
    """Per stage id (only those with evidence): the emotion score on the map's -3..+3 scale from
    the stage's survey answers (score mapped onto -3..+3) and reviews (text sentiment, or the
    grade without a text; weighted by trust), with the numbers of answers and reviews."""
    settings = feedback_settings_for(workspace_id)
    weights = settings.trust_weights()
    since = _since(settings, now)
    answers = Response.objects.filter(
        workspace_id=workspace_id, stage__isnull=False, created_at__gte=since
    )
    reviews = Review.objects.filter(
        workspace_id=workspace_id, stage__isnull=False, published_at__gte=since
    )
    if stage_ids is not None:
        answers = answers.filter(stage_id__in=stage_ids)
        reviews = reviews.filter(stage_id__in=stage_ids)
    total: dict[int, float] = defaultdict(float)
    weight: dict[int, float] = defaultdict(float)
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for row in (
        answers.order_by().values("stage_id", "kind").annotate(n=Count("id"), s=Sum("score"))
    ):
        pk = row["stage_id"]
        index_total = metrics.index_of_sum(row["kind"], row["s"], row["n"])
        total[pk] += index_total * 6.0 / 100.0 - 3.0 * row["n"]
        weight[pk] += row["n"]
        counts[pk][0] += row["n"]
    emotion = Case(
        When(
            sentiment_score__isnull=False,
            then=ExpressionWrapper(F("sentiment_score") * 3.0, FloatField()),
        ),
        When(grade__isnull=False, then=ExpressionWrapper(F("grade") * 1.5 - 4.5, FloatField())),
        default=None,
        output_field=FloatField(),
    )
    for row in (
        reviews.order_by()
        .values("stage_id", "trust_level")
        .annotate(
            n=Count("id", filter=Q(grade__isnull=False) | Q(sentiment_score__isnull=False)),
            s=Sum(emotion),
        )
    ):
        pk, w = row["stage_id"], weights.get(row["trust_level"], 0.0)
        total[pk] += w * (row["s"] or 0.0)
        weight[pk] += w * row["n"]
        counts[pk][1] += row["n"]
    return {
        pk: StageEmotion(
            stage_id=pk,
            score=round(max(-3.0, min(3.0, total[pk] / weight[pk])), 1) if weight[pk] else None,
            answers=answers_n,
            reviews=reviews_n,
        )
        for pk, (answers_n, reviews_n) in counts.items()
    }


def stage_feedback(*, workspace_id: int, stage_ids, now=None) -> dict[int, dict]:
    """Per stage id (only those with answers): recent NPS, CSAT and CES over the survey answers
    tied to the stage or to one of its touchpoints, with the number of answers of each kind
    (``{"answers", "nps", "nps_answers", "csat", "csat_answers", "ces", "ces_answers"}``).
    One query; what a snapshot keeps per stage and what compare reads as a stage's NPS."""
    settings = feedback_settings_for(workspace_id)
    answers = (
        Response.objects.filter(workspace_id=workspace_id, created_at__gte=_since(settings, now))
        .filter(Q(stage_id__in=stage_ids) | Q(touchpoint__stage_id__in=stage_ids))
        .annotate(stage_key=Coalesce("touchpoint__stage_id", "stage_id"))
        .order_by()
    )
    by_stage: dict[int, dict[str, metrics.Counts]] = defaultdict(dict)
    for row in _answer_counts(answers, "stage_key"):
        by_stage[row["stage_key"]][row["kind"]] = metrics.Counts(
            row["answers"], row["promoters"], row["detractors"], row["satisfied"], row["score_sum"]
        )
    result = {}
    for pk, kinds in by_stage.items():
        figures: dict = {"answers": sum(counts.answers for counts in kinds.values())}
        for kind in (SurveyKind.NPS, SurveyKind.CSAT, SurveyKind.CES):
            counts = kinds.get(kind, metrics.Counts())
            figures[kind.value] = counts.value(kind)
            figures[f"{kind.value}_answers"] = counts.answers
        result[pk] = figures
    return result


def journey_emotion_rows(*, journey) -> list[dict]:
    """The stages of ``journey`` in order with the hand-set emotion score (the emotions lane) and
    the evidence-based one, with its answer and review counts."""
    stages = list(journey.stages.order_by("position"))
    lane = journey.lanes.filter(kind=LaneKind.EMOTIONS).first()
    hand_set = {cell.stage_id: cell.emotion_score for cell in lane.cells.all()} if lane else {}
    evidence = stage_emotion_scores(
        workspace_id=journey.workspace_id, stage_ids=[s.pk for s in stages]
    )
    rows = []
    for stage in stages:
        found = evidence.get(stage.pk)
        rows.append(
            {
                "stage": stage.pk,
                "name": stage.name,
                "position": stage.position,
                "hand_set_score": hand_set.get(stage.pk),
                "evidence_score": found.score if found else None,
                "answers": found.answers if found else 0,
                "reviews": found.reviews if found else 0,
            }
        )
    return rows


def attach_feedback(*, workspace_id: int, touchpoints, found: dict | None = None) -> None:
    """Give every touchpoint of a map its recent feedback (``.feedback``, None without any) in
    a constant number of queries, so cards can show a badge without a query each. ``found``:
    what ``touchpoint_feedback`` already answered for them (no query then)."""
    touchpoints = list(touchpoints)
    if found is None:
        found = touchpoint_feedback(
            workspace_id=workspace_id, touchpoint_ids=[tp.pk for tp in touchpoints]
        )
    for touchpoint in touchpoints:
        touchpoint.feedback = found.get(touchpoint.pk)


def touchpoint_nps_between(*, touchpoint_id: int, start, end) -> tuple[float | None, int]:
    """NPS and the number of NPS answers about one touchpoint answered in [start, end)
    (one query): the before/after figures of an action's measured impact."""
    row = (
        Response.objects.filter(
            touchpoint_id=touchpoint_id,
            kind=SurveyKind.NPS,
            created_at__gte=start,
            created_at__lt=end,
        )
        .order_by()
        .aggregate(
            answers=Count("id"),
            promoters=Count("id", filter=Q(score__gte=metrics.PROMOTER_FROM)),
            detractors=Count("id", filter=Q(score__lte=metrics.DETRACTOR_UP_TO)),
        )
    )
    answers = row["answers"] or 0
    return metrics.nps_from_counts(row["promoters"], row["detractors"], answers), answers


def touchpoint_last_feedback(*, touchpoint_ids) -> dict[int, datetime.datetime]:
    """Touchpoint id -> when its newest survey answer or review came (two grouped queries;
    touchpoints without feedback are left out): how fresh the evidence is."""
    latest: dict[int, datetime.datetime] = {}
    answers = (
        Response.objects.filter(touchpoint_id__in=touchpoint_ids)
        .order_by()
        .values("touchpoint_id")
        .annotate(last=Max("created_at"))
    )
    reviews = (
        Review.objects.filter(touchpoint_id__in=touchpoint_ids)
        .order_by()
        .values("touchpoint_id")
        .annotate(last=Max("published_at"))
    )
    for row in [*answers, *reviews]:
        pk, when = row["touchpoint_id"], row["last"]
        if when is not None and (pk not in latest or when > latest[pk]):
            latest[pk] = when
    return latest
