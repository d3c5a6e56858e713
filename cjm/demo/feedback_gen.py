"""Survey answers and reviews of the demo's customers, as plain values (no database here).

Answers come from simulated customers right after they met the surveyed touchpoint (minutes to
two days later), at most one answer per customer (the fatigue rule). Reviews are published
over the same 89 days. Scores and grades follow the touchpoint's quality; the comment fits the
touchpoint, the score band and the language.
"""

import datetime
import math
import random
from dataclasses import dataclass

from . import feedback_plan, texts_common, texts_office, texts_store_after, texts_store_buying
from .feedback_plan import ReviewPlan, SurveyPlan
from .simulate import DAYS, Simulation

TEXTS = {**texts_store_buying.TEXTS, **texts_store_after.TEXTS, **texts_office.TEXTS}
GENERAL_TEXTS = {"store": "store-general", "office": "office-general"}
STAGE_TEXTS = {("store", 4): "delivery-stage"}
MAIN_LANGUAGE = {"store": "ru", "office": "en"}
SCALES = {"nps": (0, 10), "csat": (1, 5), "ces": (1, 7)}
# Scores up to the first bound are "neg", up to the second "mid", the rest "pos".
BANDS = {"nps": (6, 8), "csat": (2, 3), "ces": (3, 5)}
SITE_URL = "https://domdostavka.ru/reviews/{}"


@dataclass(frozen=True)
class Answer:
    survey: str  # SurveyPlan.key
    key: str  # idempotency key
    customer: str
    score: int
    comment: str
    language: str
    at: datetime.datetime


@dataclass(frozen=True)
class ReviewDraft:
    external_id: str
    source: str
    trust_level: str
    author: str
    grade: int | None
    text: str
    published_at: datetime.datetime
    url: str
    touchpoint: str | None
    stage: int | None


def band(kind: str, score: int) -> str:
    low, mid = BANDS[kind]
    return "neg" if score <= low else "mid" if score <= mid else "pos"


class _Writer:
    def __init__(self, journey_key: str, ratings: dict, end: datetime.datetime, seed: str):
        self.key, self.ratings, self.end = journey_key, ratings, end
        self.start = end - datetime.timedelta(days=DAYS)
        self.rng = random.Random(f"{seed}:feedback:{journey_key}")

    def quality(self, touchpoint: str | None, stage: int | None) -> float:
        if touchpoint is None:
            return 0.42 if stage is not None else 0.55
        if touchpoint in feedback_plan.QUALITY_OVERRIDE:
            return feedback_plan.QUALITY_OVERRIDE[touchpoint]
        return feedback_plan.QUALITY[self.ratings.get(touchpoint, "unrated")]

    def feeling(self, quality: float, at: datetime.datetime, left: bool) -> float:
        """0..1: how the customer felt. Polarised like real feedback; a little better lately
        (the team's fixes), worse for those who left right after the touchpoint."""
        if self.rng.random() < 0.12:
            return self.rng.random()
        progress = (at - self.start) / (self.end - self.start)
        value = self.rng.gauss(quality, 0.17) + 0.08 * (progress - 0.5) - (0.2 if left else 0.0)
        return min(1.0, max(0.0, value))

    def language(self) -> str:
        main = MAIN_LANGUAGE[self.key]
        if self.rng.random() < feedback_plan.OTHER_LANGUAGE[self.key]:
            return "en" if main == "ru" else "ru"
        return main

    def pool(self, text_key: str, mood: str, language: str) -> list[str]:
        return TEXTS.get(text_key, {}).get(mood, {}).get(language, [])

    def comment(self, text_key: str, mood: str, language: str) -> str:
        if self.rng.random() >= feedback_plan.COMMENT_CHANCE[mood]:
            return ""
        own = self.pool(text_key, mood, language)
        closers = texts_common.CLOSERS[mood][language]
        parts = [self.rng.choice(own)] if own else []
        if not parts or self.rng.random() < 0.45:
            parts.append(self.rng.choice(closers))
        return " ".join(parts)

    def answers(self, plans: tuple[SurveyPlan, ...], sim: Simulation, scale: float, used: set):
        found = []
        for plan in plans:
            wanted = max(1, round(plan.answers * scale))
            visits = sim.visits.get(plan.touchpoint, [])
            low, high = SCALES[plan.kind]
            quality = self.quality(plan.touchpoint, None)
            count = 0
            for visit in self.rng.sample(visits, len(visits)):
                if count == wanted:
                    break
                minutes = math.exp(self.rng.uniform(math.log(10), math.log(2880)))
                at = visit.at + datetime.timedelta(minutes=minutes)
                if visit.customer in used or at >= self.end:
                    continue
                used.add(visit.customer)
                feeling = self.feeling(quality, visit.at, visit.left)
                if plan.kind == "nps":  # people who are happy give 9 or 10, not 8
                    feeling **= 0.7
                score = low + round(feeling * (high - low))
                language = self.language()
                comment = self.comment(plan.touchpoint, band(plan.kind, score), language)
                key = f"demo-{plan.key}-{count}"
                found.append(Answer(plan.key, key, visit.customer, score, comment, language, at))
                count += 1
        return found

    def review_text(self, text_key: str, mood: str, language: str) -> str:
        own = self.pool(text_key, mood, language)
        parts = []
        openers = texts_common.REVIEW_OPENERS[self.key].get(language, [])
        if openers and self.rng.random() < 0.4:
            parts.append(self.rng.choice(openers))
        parts += self.rng.sample(own, min(len(own), 1 + (self.rng.random() < 0.45)))
        if not own or self.rng.random() < 0.3:
            parts.append(self.rng.choice(texts_common.CLOSERS[mood][language]))
        return " ".join(parts)

    def pick(self, weighted) -> str:
        return self.rng.choices([v for v, _ in weighted], weights=[w for _, w in weighted])[0]

    def reviews(self, plans: tuple[ReviewPlan, ...], scale: float) -> list[ReviewDraft]:
        drafts = []
        for plan in plans:
            text_key = plan.touchpoint or STAGE_TEXTS.get((self.key, plan.stage))
            text_key = text_key or GENERAL_TEXTS[self.key]
            quality = self.quality(plan.touchpoint, plan.stage)
            for _ in range(max(1, round(plan.count * scale))):
                number = len(drafts) + 1
                at = self.end - datetime.timedelta(minutes=self.rng.uniform(30, DAYS * 1440))
                source = self.pick(feedback_plan.SOURCES[self.key])
                trust = self.pick(feedback_plan.TRUST[source])
                language = self.language()
                grade = 1 + round(self.feeling(quality, at, False) * 4)
                mood = "neg" if grade <= 2 else "mid" if grade == 3 else "pos"
                author = (
                    "" if trust == "anonymous" else self.rng.choice(texts_common.AUTHORS[language])
                )
                drafts.append(
                    ReviewDraft(
                        external_id=f"demo-{self.key}-{number:04d}",
                        source=source,
                        trust_level=trust,
                        author=author,
                        grade=None if source == "social" and self.rng.random() < 0.5 else grade,
                        text=self.review_text(text_key, mood, language),
                        published_at=at,
                        url=SITE_URL.format(number)
                        if source == "own_site" and self.key == "store"
                        else "",
                        touchpoint=plan.touchpoint,
                        stage=plan.stage,
                    )
                )
        return drafts


def feedback_of(
    journey_key: str,
    sim: Simulation,
    ratings: dict,
    *,
    today: datetime.date,
    scale: float,
    seed: str,
    used: set,
) -> tuple[list[Answer], list[ReviewDraft]]:
    """Answers to the journey's surveys and its reviews. ``ratings``: touchpoint name -> rating
    on the map; ``used``: customers who already answered (updated)."""
    end = datetime.datetime.combine(today, datetime.time.min, tzinfo=datetime.UTC)
    writer = _Writer(journey_key, ratings, end, seed)
    answers = writer.answers(feedback_plan.SURVEYS[journey_key], sim, scale, used)
    reviews = writer.reviews(feedback_plan.REVIEWS[journey_key], scale)
    return answers, reviews
