"""Russian: the lexicon-and-rules scorer with the Snowball Russian stemmer (handles inflection)."""

import threading
from functools import cache
from pathlib import Path

import snowballstemmer

from feedback.sentiment import engine

LEXICON_PATH = Path(__file__).with_name("lexicon_ru.tsv")

NEGATORS = {
    "не": 1,
    "ни": 3,
    "нет": 2,
    "без": 2,
    "никогда": 2,
    "нисколько": 2,
    "ничуть": 2,
    "отнюдь": 2,
}
POST_NEGATORS = frozenset({"нет"})
BOOSTERS = {
    "очень": 1.3,
    "крайне": 1.4,
    "совсем": 1.3,
    "абсолютно": 1.4,
    "совершенно": 1.4,
    "слишком": 1.3,
    "невероятно": 1.4,
    "максимально": 1.3,
    "безумно": 1.4,
    "реально": 1.2,
    "действительно": 1.2,
    "самый": 1.3,
    "самая": 1.3,
    "самое": 1.3,
    "настолько": 1.3,
    "весьма": 1.2,
    "вообще": 1.2,
    "просто": 1.1,
    "немного": 0.6,
    "немножко": 0.6,
    "чуть": 0.6,
    "слегка": 0.6,
    "несколько": 0.8,
}
CONTRASTS = frozenset({"но", "однако", "зато"})


def _normalize(text: str) -> str:
    return text.lower().replace("ё", "е")


@cache
def _rules() -> tuple[engine.Lexicon, engine.Rules]:
    stemmer = snowballstemmer.stemmer("russian")
    lock = threading.Lock()  # a Snowball stemmer keeps state while it works

    @cache
    def stem(word: str) -> str:
        with lock:
            return stemmer.stemWord(word)

    lexicon = engine.load_lexicon(LEXICON_PATH, stem=stem, normalize=_normalize)
    rules = engine.Rules(
        stem=stem,
        negators=NEGATORS,
        post_negators=POST_NEGATORS,
        boosters=BOOSTERS,
        contrasts=CONTRASTS,
        normalize=_normalize,
    )
    return lexicon, rules


def score(text: str) -> float:
    lexicon, rules = _rules()
    return engine.score(text, lexicon=lexicon, rules=rules)
