"""The arithmetic of NPS, CSAT and CES, and the 0-100 feedback index. Pure functions.

- NPS = % promoters (9-10) - % detractors (0-6), -100..100, rounded to one decimal.
- CSAT = % of answers 4 or 5 on the 1-5 scale.
- CES = mean answer on the 1-7 scale (7 = very easy).
- Every metric is None when there are no answers: "no data" is not zero.
- Feedback index: each answer mapped linearly onto 0-100 on its own scale, then averaged (reviews
  weighted by their trust level); it is what suggested ratings compare to the thresholds.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from feedback.choices import SCALES, SurveyKind

PROMOTER_FROM, DETRACTOR_UP_TO = 9, 6
SATISFIED_FROM = 4


def nps_from_counts(promoters: int, detractors: int, answers: int) -> float | None:
    if not answers:
        return None
    return round(100.0 * (promoters - detractors) / answers, 1)


def csat_from_counts(satisfied: int, answers: int) -> float | None:
    if not answers:
        return None
    return round(100.0 * satisfied / answers, 1)


def ces_from_sum(score_sum: int | float, answers: int) -> float | None:
    if not answers:
        return None
    return round(score_sum / answers, 2)


def nps(scores: Iterable[int]) -> float | None:
    scores = list(scores)
    promoters = sum(1 for s in scores if s >= PROMOTER_FROM)
    detractors = sum(1 for s in scores if s <= DETRACTOR_UP_TO)
    return nps_from_counts(promoters, detractors, len(scores))


def csat(scores: Iterable[int]) -> float | None:
    scores = list(scores)
    return csat_from_counts(sum(1 for s in scores if s >= SATISFIED_FROM), len(scores))


def ces(scores: Iterable[int]) -> float | None:
    scores = list(scores)
    return ces_from_sum(sum(scores), len(scores))


@dataclass(frozen=True)
class Counts:
    """What is stored per cell of the aggregates and summed across cells."""

    answers: int = 0
    promoters: int = 0
    detractors: int = 0
    satisfied: int = 0
    score_sum: int = 0

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(
            self.answers + other.answers,
            self.promoters + other.promoters,
            self.detractors + other.detractors,
            self.satisfied + other.satisfied,
            self.score_sum + other.score_sum,
        )

    def value(self, kind: str) -> float | None:
        """The headline metric of ``kind``: NPS, CSAT % or CES mean."""
        if kind == SurveyKind.NPS:
            return nps_from_counts(self.promoters, self.detractors, self.answers)
        if kind == SurveyKind.CSAT:
            return csat_from_counts(self.satisfied, self.answers)
        return ces_from_sum(self.score_sum, self.answers)


def index_of_sum(kind: str, score_sum: float, answers: int) -> float:
    """Sum of the answers' positions on 0-100 (so sums from the database can be used)."""
    low, high = SCALES[kind]
    return (score_sum - low * answers) * 100.0 / (high - low)


def grade_index(grade: float) -> float:
    """A review grade 1-5 on 0-100."""
    return (grade - 1) * 25.0


def index_to_emotion(index: float) -> float:
    """0-100 onto the emotion curve's -3..+3."""
    return index * 6.0 / 100.0 - 3.0
