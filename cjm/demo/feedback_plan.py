"""What the demo's customers say: surveys tied to touchpoints, and reviews from outside sources.

Scores follow the touchpoint's quality (its rating on the map, a few on purpose better than
rated, so the overview shows feedback that disagrees with the team's rating); a customer who
left right after the touchpoint answers lower. Counts are at scale 1.
"""

from dataclasses import dataclass

from . import behaviour as b


@dataclass(frozen=True)
class SurveyPlan:
    key: str  # idempotency keys of the answers: "demo-<key>-<n>"
    touchpoint: str
    kind: str
    name: str
    answers: int


@dataclass(frozen=True)
class ReviewPlan:
    touchpoint: str | None  # None: about the stage (``stage``) or the brand as a whole
    count: int
    stage: int | None = None  # position of the stage when the review names no touchpoint


# How good each rating's touchpoints feel to customers (0..1 along any answer scale).
QUALITY = {"excellent": 0.88, "so_so": 0.64, "awful": 0.26, "unrated": 0.62}
QUALITY_OVERRIDE = {
    b.COURIER_MANNER: 0.84,  # rated so-so by the team; customers like the couriers
    b.TRACKING: 0.9,  # the beta nobody rated yet: customers love it
}
# Share of answers and reviews in the map's other language.
OTHER_LANGUAGE = {"store": 0.15, "office": 0.3}
COMMENT_CHANCE = {"neg": 0.8, "mid": 0.45, "pos": 0.6}

SURVEYS = {
    "store": (
        SurveyPlan("catalog", b.CATALOG, "csat", "CSAT: каталог на сайте", 30),
        SurveyPlan("site-search", b.SITE_SEARCH, "csat", "CSAT: поиск по каталогу", 28),
        SurveyPlan("checkout", b.CHECKOUT_FORM, "csat", "CSAT: оформление заказа", 55),
        SurveyPlan("payment", b.PAYMENT_PAGE, "ces", "CES: оплата на сайте", 50),
        SurveyPlan("card-courier", b.CARD_TO_COURIER, "csat", "CSAT: оплата картой курьеру", 25),
        SurveyPlan("on-time", b.ON_TIME, "csat", "CSAT: доставка в выбранный интервал", 80),
        SurveyPlan("courier", b.COURIER_MANNER, "csat", "CSAT: курьер", 24),
        SurveyPlan("tracking", b.TRACKING, "nps", "NPS: курьер на карте (бета)", 24),
        SurveyPlan("unpacking", b.PACKAGING, "nps", "NPS после получения заказа", 55),
        SurveyPlan("replacements", b.REPLACEMENTS, "csat", "CSAT: замены товаров", 28),
        SurveyPlan("call-centre", b.CALL_CENTRE, "ces", "CES: колл-центр 8-800", 45),
        SurveyPlan("telegram", b.TELEGRAM, "csat", "CSAT: чат поддержки в Telegram", 35),
        SurveyPlan("refunds", b.REFUNDS, "ces", "CES: возврат денег", 22),
        SurveyPlan("points", b.POINTS, "csat", "CSAT: баллы и личный кабинет", 22),
    ),
    "office": (
        SurveyPlan("first-call", b.FIRST_CALL, "csat", "CSAT: first call with a manager", 20),
        SurveyPlan("proposal", b.PROPOSAL, "csat", "CSAT: commercial proposal", 16),
        SurveyPlan("contract", b.CONTRACT, "ces", "CES: contract and signature", 20),
        SurveyPlan("invoice", b.FIRST_INVOICE, "ces", "CES: first invoice", 16),
        SurveyPlan("first-delivery", b.FIRST_DELIVERY, "csat", "CSAT: first delivery", 16),
        SurveyPlan("monthly", b.MONTHLY_DELIVERY, "nps", "NPS: monthly delivery", 22),
        SurveyPlan("edo", b.EDO_DOCUMENTS, "ces", "CES: closing documents through EDO", 18),
        SurveyPlan("renewal", b.RENEWAL_NOTICE, "csat", "CSAT: renewal notice", 14),
    ),
}

REVIEWS = {
    "store": (
        ReviewPlan(b.ON_TIME, 22),
        ReviewPlan(b.FRESHNESS, 13),
        ReviewPlan(b.REPLACEMENTS, 12),
        ReviewPlan(b.CALL_CENTRE, 12),
        ReviewPlan(b.PAYMENT_PAGE, 10),
        ReviewPlan(b.COURIER_MANNER, 9),
        ReviewPlan(b.CHECKOUT_FORM, 9),
        ReviewPlan(b.PACKAGING, 7),
        ReviewPlan(b.TELEGRAM, 7),
        ReviewPlan(b.REPEAT_BUTTON, 7),
        ReviewPlan(b.PICKUP, 6),
        ReviewPlan(b.MAP_REVIEWS, 5),
        ReviewPlan(b.POINTS, 4),
        ReviewPlan(None, 6, stage=4),  # about the delivery as a whole
        ReviewPlan(None, 8),  # about the shop
    ),
    "office": (
        ReviewPlan(b.EDO_DOCUMENTS, 6),
        ReviewPlan(b.MONTHLY_DELIVERY, 6),
        ReviewPlan(b.FIRST_CALL, 5),
        ReviewPlan(b.CONTRACT, 5),
        ReviewPlan(b.CASE_STUDIES, 4),
        ReviewPlan(b.FIRST_INVOICE, 3),
        ReviewPlan(b.SHORT_DELIVERY, 3),
        ReviewPlan(None, 3),
    ),
}

# Where reviews come from, and how much each source lets us trust the author.
SOURCES = {
    "store": (
        ("map_service", 0.3),
        ("review_site", 0.25),
        ("marketplace", 0.2),
        ("own_site", 0.15),
        ("social", 0.1),
    ),
    "office": (("review_site", 0.3), ("own_site", 0.3), ("social", 0.2), ("map_service", 0.2)),
}
TRUST = {
    "own_site": (("verified_purchase", 0.85), ("identified", 0.15)),
    "marketplace": (("verified_purchase", 0.9), ("verified_identity", 0.1)),
    "map_service": (("verified_identity", 0.5), ("identified", 0.4), ("anonymous", 0.1)),
    "review_site": (("anonymous", 0.55), ("identified", 0.45)),
    "social": (("identified", 0.7), ("anonymous", 0.3)),
}
