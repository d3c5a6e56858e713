"""Offline sentiment of review and answer texts in Russian and English.

Nothing is downloaded at run time: English uses VADER, whose lexicon ships inside the
``vaderSentiment`` wheel, extended by ``lexicon_en.tsv``; Russian uses a lexicon-and-rules scorer
(``engine.py``) with ``lexicon_ru.tsv`` and the Snowball stemmer from ``snowballstemmer``.
Accuracy on the labelled samples in ``tests/data/``: ``manage.py feedback_sentiment_accuracy``.
"""

import re
from dataclasses import dataclass

from feedback.choices import Language, Sentiment, SurveyKind
from feedback.sentiment import english, russian

# A compound score inside (-NEUTRAL_BAND, +NEUTRAL_BAND) is neutral (VADER's convention).
NEUTRAL_BAND = 0.05
_CYRILLIC = re.compile(r"[а-яё]", re.I)
_LATIN = re.compile(r"[a-z]", re.I)


@dataclass(frozen=True)
class SentimentResult:
    label: str  # Sentiment value
    score: float  # -1..+1
    language: str  # Language value


def detect_language(text: str, default: str = Language.EN) -> str:
    """Russian when Cyrillic letters outnumber Latin ones, else English (or ``default``)."""
    cyrillic = len(_CYRILLIC.findall(text or ""))
    latin = len(_LATIN.findall(text or ""))
    if cyrillic == latin == 0:
        return default
    return Language.RU if cyrillic > latin else Language.EN


def label_for(score: float) -> str:
    if score >= NEUTRAL_BAND:
        return Sentiment.POSITIVE
    if score <= -NEUTRAL_BAND:
        return Sentiment.NEGATIVE
    return Sentiment.NEUTRAL


def score_text(text: str, language: str) -> float:
    if language == Language.RU:
        return russian.score(text)
    return english.score(text)


# Scores that say "unhappy" on each survey's scale: NPS detractors 0-6, CSAT 1-2 (dissatisfied),
# CES 1-2 (this app's CES runs 1-7 with 7 = very easy, so 1-2 is "very hard").
LOW_SCORES = {
    SurveyKind.NPS: range(0, 7),
    SurveyKind.CSAT: range(1, 3),
    SurveyKind.CES: range(1, 3),
}


def is_low_score(kind: str | None, score) -> bool:
    return kind in LOW_SCORES and isinstance(score, int) and score in LOW_SCORES[kind]


def analyze(
    text: str, language: str | None = None, *, kind: str | None = None, score=None
) -> SentimentResult | None:
    """Sentiment of ``text``; None for an empty text (nothing to judge).

    The language is read from the text itself (a Russian survey may get an English answer);
    ``language`` is the fallback for a text without letters.

    Score-aware for survey answers (``kind`` and ``score`` given): a text the lexicons find
    neutral next to a low score ("Promo code for students never works", NPS 3) is a complaint
    stated plainly, so it counts as negative. A text with its own clear tone keeps it.
    """
    if not text or not text.strip():
        return None
    language = detect_language(text, default=language or Language.EN)
    value = round(score_text(text, language), 4)
    label = label_for(value)
    if label == Sentiment.NEUTRAL and is_low_score(kind, score):
        label = Sentiment.NEGATIVE
    return SentimentResult(label=label, score=value, language=language)
