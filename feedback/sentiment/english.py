"""English: VADER (its lexicon ships inside the vaderSentiment wheel) plus a domain lexicon."""

import re
import threading
from functools import cache
from pathlib import Path

LEXICON_PATH = Path(__file__).with_name("lexicon_en.tsv")
_lock = threading.Lock()


@cache
def _analyzer():
    # Not a cycle: VADER reads its lexicon when imported, so only the first English text pays.
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    phrases: list[tuple[re.Pattern, str]] = []
    for raw in LEXICON_PATH.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        term, _, value = line.partition("\t")
        term, valence = term.strip().lower(), float(value)
        if " " in term:
            token = f"zzphrase{len(phrases)}"
            pattern = re.compile(r"\b" + r"\s+".join(map(re.escape, term.split())) + r"\b", re.I)
            phrases.append((pattern, token))
            analyzer.lexicon[token] = valence
        else:
            analyzer.lexicon[term] = valence
    # Longest phrases first, so "right on time" wins over "on time".
    phrases.sort(key=lambda pair: -len(pair[0].pattern))
    return analyzer, phrases


def score(text: str) -> float:
    analyzer, phrases = _analyzer()
    for pattern, token in phrases:
        text = pattern.sub(token, text)
    with _lock:  # VADER keeps no state between calls, but be safe with shared dicts
        return analyzer.polarity_scores(text)["compound"]
