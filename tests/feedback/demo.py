"""A realistic feedback world for the browser tests and their screenshots: an online store's
delivery journey with NPS / CSAT / CES answers over twelve weeks and reviews from several sources.
Rows are written directly (the fatigue rule would refuse a generated history)."""

import datetime
import random

from django.utils import timezone

from cjm.choices import LaneKind
from feedback import services
from feedback.choices import ReviewSource, SurveyKind, SurveyScope, TrustLevel
from feedback.models import FeedbackSettings, Response, Review, Survey
from feedback.sentiment import analyze
from tests.factories import (
    ChannelFactory,
    JourneyFactory,
    LaneCellFactory,
    LaneFactory,
    StageFactory,
    TouchpointFactory,
)

COMMENTS = {
    "good": [
        "Курьер приехал вовремя и был очень вежлив",
        "Всё быстро, удобно, спасибо!",
        "Fast delivery and friendly courier",
        "Отличный сервис, буду заказывать ещё",
        "Easy checkout, clear delivery slots",
    ],
    "bad": [
        "Курьер опоздал на два часа и не позвонил",
        "Долго ждал ответа поддержки",
        "The parcel arrived damaged and nobody apologised",
        "Неудобно выбирать интервал доставки",
        "Оплата зависает, пришлось платить дважды",
    ],
    "meh": ["Нормально", "Как обычно", "", "", "Ok"],
}

STAGES = [
    ("Выбор товара", 1, ["Каталог на сайте", "Отзывы на маркетплейсе"]),
    ("Оформление заказа", -1, ["Корзина и оплата", "Подтверждение по SMS"]),
    ("Доставка", -2, ["Звонок курьера", "Передача заказа"]),
    ("Поддержка", 0, ["Чат поддержки"]),
]


def _comment(rng: random.Random, quality: float) -> str:
    roll = rng.random()
    bucket = "good" if roll < quality - 0.15 else "bad" if roll > quality + 0.15 else "meh"
    return rng.choice(COMMENTS[bucket])


def build(workspace, editor) -> dict:
    rng = random.Random(7)
    FeedbackSettings.objects.create(workspace=workspace, fatigue_days=14, suggest_min_answers=8)
    journey = JourneyFactory(workspace=workspace, title="Онлайн-заказ с доставкой")
    emotions = LaneFactory(journey=journey, kind=LaneKind.EMOTIONS, name="Эмоции")
    site = ChannelFactory(workspace=workspace, name="Сайт", kind="online", medium="website")
    courier = ChannelFactory(workspace=workspace, name="Курьер", kind="offline", medium="delivery")
    touchpoints = []
    for position, (name, emotion, tps) in enumerate(STAGES):
        stage = StageFactory(journey=journey, name=name, position=position)
        LaneCellFactory(lane=emotions, stage=stage, text="", emotion_score=emotion)
        for tp_name in tps:
            channel = courier if position == 2 else site
            touchpoints.append(TouchpointFactory(stage=stage, name=tp_name, channel=channel))
    by_name = {tp.name: tp for tp in touchpoints}
    plan = [
        ("NPS после доставки", SurveyKind.NPS, by_name["Передача заказа"], 0.45),
        ("CSAT оплаты", SurveyKind.CSAT, by_name["Корзина и оплата"], 0.35),
        ("CES поддержки", SurveyKind.CES, by_name["Чат поддержки"], 0.75),
        ("CSAT каталога", SurveyKind.CSAT, by_name["Каталог на сайте"], 0.85),
    ]
    surveys, now = [], timezone.now()
    for name, kind, touchpoint, quality in plan:
        survey = services.survey_create(
            actor=editor,
            workspace=workspace,
            name=name,
            kind=kind,
            scope=SurveyScope.TRANSACTIONAL,
            touchpoint=touchpoint,
            ask_improve=True,
        )
        surveys.append(survey)
        low, high = survey.scale
        rows = []
        for n in range(rng.randint(28, 40)):
            drift = 0.1 * (n % 12) / 12
            score = round(low + (high - low) * min(1, max(0, rng.gauss(quality + drift, 0.25))))
            comment = _comment(rng, quality)
            result = analyze(comment, "ru")
            rows.append(
                Response(
                    workspace=workspace,
                    survey=survey,
                    kind=kind,
                    journey_id=survey.journey_id,
                    stage_id=survey.stage_id,
                    touchpoint=touchpoint,
                    channel=touchpoint.channel,
                    score=score,
                    comment=comment,
                    origin="public_link",
                    language="ru",
                    customer_external_id=f"cust-{rng.randint(1000, 9999)}",
                    sentiment=result.label if result else "",
                    sentiment_score=result.score if result else None,
                    created_at=now - datetime.timedelta(days=rng.uniform(0, 83)),
                )
            )
        Response.objects.bulk_create(rows)
    reviews = [
        (
            ReviewSource.MARKETPLACE,
            TrustLevel.VERIFIED_PURCHASE,
            1,
            "Курьер опоздал на три часа, коробка мятая. Больше не закажу.",
            "Передача заказа",
        ),
        (
            ReviewSource.MAP_SERVICE,
            TrustLevel.IDENTIFIED,
            5,
            "Удобный пункт выдачи, вежливые сотрудники",
            "Передача заказа",
        ),
        (
            ReviewSource.SOCIAL,
            TrustLevel.ANONYMOUS,
            2,
            "Оплата картой не проходит с первого раза",
            "Корзина и оплата",
        ),
        (
            ReviewSource.REVIEW_SITE,
            TrustLevel.VERIFIED_IDENTITY,
            4,
            "Good choice of goods and honest descriptions",
            "Каталог на сайте",
        ),
        (
            ReviewSource.OWN_SITE,
            TrustLevel.VERIFIED_PURCHASE,
            5,
            "Поддержка ответила за пять минут и всё решила",
            "Чат поддержки",
        ),
        (
            ReviewSource.MARKETPLACE,
            TrustLevel.VERIFIED_PURCHASE,
            2,
            "Товар не соответствует описанию, возврат занял месяц",
            "Отзывы на маркетплейсе",
        ),
    ]
    for n, (source, trust, grade, text, tp_name) in enumerate(reviews):
        tp = by_name[tp_name]
        result = analyze(text)
        Review.objects.create(
            workspace=workspace,
            source=source,
            trust_level=trust,
            grade=grade,
            text=text,
            author=["Ирина", "Олег", "", "Anna", "Марина", "Пётр"][n],
            touchpoint=tp,
            stage=tp.stage,
            sentiment=result.label,
            sentiment_score=result.score,
            language=result.language,
            published_at=now - datetime.timedelta(days=3 * n + 1),
            url=f"https://example.com/review/{n}",
        )
    services.feedback_aggregates_refresh(workspace_id=workspace.pk)
    return {"journey": journey, "surveys": surveys, "touchpoints": by_name}


def survey_for_public_page(workspace) -> Survey:
    return Survey.objects.filter(workspace=workspace, kind=SurveyKind.NPS).first()
