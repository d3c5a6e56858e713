"""Offline sentiment of review and answer texts in Russian and English.

Nothing is downloaded at run time: English uses VADER, whose lexicon ships inside the
``vaderSentiment`` wheel, extended by ``lexicon_en.tsv``; Russian uses a lexicon-and-rules scorer
(``engine.py``) with ``lexicon_ru.tsv`` and the Snowball stemmer from ``snowballstemmer``.
Accuracy on the labelled samples in ``tests/data/``: ``manage.py feedback_sentiment_accuracy``.
"""

import re
from dataclasses import dataclass

from feedback.choices import Language, Sentiment
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


def analyze(text: str, language: str | None = None) -> SentimentResult | None:
    """Sentiment of ``text``; None for an empty text (nothing to judge).

    The language is read from the text itself (a Russian survey may get an English answer);
    ``language`` is the fallback for a text without letters.
    """
    if not text or not text.strip():
        return None
    language = detect_language(text, default=language or Language.EN)
    value = round(score_text(text, language), 4)
    return SentimentResult(label=label_for(value), score=value, language=language)
