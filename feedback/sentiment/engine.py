"""A small lexicon-and-rules sentiment scorer (the approach of VADER, for languages it lacks).

A text is split into word and punctuation tokens; each word is reduced to its stem; phrases
(several stems in a row) and single stems are looked up in a lexicon of valences on VADER's
-4..+4 scale. Rules on top:

- negation: a negator ("не", "ни", "без", ...) flips and damps the next scored item within
  its reach (Russian "не" stands right before the word it negates, "ни" reaches further) in
  the same clause; "нет" right after a scored word flips that word;
- boosters ("очень", "крайне") and dampers ("немного") scale the next scored item;
- contrast: items before "но" / "однако" / "зато" count half, items after count one and a half;
- exclamation marks push the total away from zero.

The sum is squashed into -1..+1 exactly as VADER's ``compound`` score is.
"""

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

TOKEN_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|\d+|[.!?;,:()\u2014\u2013]", re.UNICODE)
CLAUSE_BREAKS = frozenset(".!?;,:()\u2014\u2013")
NEGATION_FACTOR = -0.75
CONTRAST_BEFORE, CONTRAST_AFTER = 0.5, 1.5
EXCLAMATION_BOOST = 0.292
NORMALIZE_ALPHA = 15.0
MAX_PHRASE = 4


@dataclass(frozen=True)
class Lexicon:
    """Stems and phrases (tuples of stems) with their valence, plus exact word forms."""

    stems: dict[str, float]
    phrases: dict[tuple[str, ...], float]
    exact: dict[str, float]


@dataclass
class Rules:
    stem: Callable[[str], str]
    negators: dict[str, int]  # negator -> how many words ahead it reaches (boosters free)
    post_negators: frozenset[str] = frozenset()
    boosters: dict[str, float] = field(default_factory=dict)
    contrasts: frozenset[str] = frozenset()
    normalize: Callable[[str], str] = str.lower


def load_lexicon(path: Path, *, stem: Callable[[str], str], normalize=str.lower) -> Lexicon:
    """Read ``term<TAB>valence`` lines; ``#`` starts a comment; ``=word`` is an exact form."""
    stems: dict[str, float] = {}
    phrases: dict[tuple[str, ...], float] = {}
    exact: dict[str, float] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        term, _, value = line.partition("\t")
        valence = float(value)
        term = normalize(term.strip())
        if term.startswith("="):
            exact[term[1:]] = valence
            continue
        words = term.split()
        if len(words) == 1:
            stems[stem(words[0])] = valence
        else:
            phrases[tuple(stem(w) for w in words)] = valence
    return Lexicon(stems=stems, phrases=phrases, exact=exact)


def squash(total: float) -> float:
    if total == 0:
        return 0.0
    return total / math.sqrt(total * total + NORMALIZE_ALPHA)


@dataclass
class _Item:
    valence: float
    index: int  # token index where the item starts


def score(text: str, *, lexicon: Lexicon, rules: Rules) -> float:
    """Compound score of ``text`` in -1..+1 (0 when no scored word is found)."""
    tokens = TOKEN_RE.findall(rules.normalize(text or ""))
    stems = [t if t in CLAUSE_BREAKS else rules.stem(t) for t in tokens]
    items: list[_Item] = []
    negate_left = 0
    boost = 1.0
    contrast_at = -1
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token in CLAUSE_BREAKS:
            negate_left, boost = 0, 1.0
            i += 1
            continue
        matched = _match_phrase(stems, i, lexicon.phrases)
        if matched:
            length, valence = matched
        elif token in lexicon.exact:
            length, valence = 1, lexicon.exact[token]
        elif token in rules.post_negators and items and items[-1].index == i - 1:
            items[-1].valence *= NEGATION_FACTOR
            i += 1
            continue
        elif token in rules.negators:
            negate_left = rules.negators[token]
            i += 1
            continue
        elif token in rules.boosters:
            boost *= rules.boosters[token]
            i += 1
            continue
        elif token in rules.contrasts:
            contrast_at = len(items)
            negate_left, boost = 0, 1.0
            i += 1
            continue
        else:
            length, valence = 1, lexicon.stems.get(stems[i], 0.0)
        if valence:
            valence *= boost
            if negate_left > 0:
                valence *= NEGATION_FACTOR
            items.append(_Item(valence=valence, index=i + length - 1))
            negate_left, boost = 0, 1.0
        elif negate_left > 0:
            negate_left -= 1
        i += length
    total = 0.0
    for position, item in enumerate(items):
        weight = 1.0
        if contrast_at >= 0:
            weight = CONTRAST_BEFORE if position < contrast_at else CONTRAST_AFTER
        total += item.valence * weight
    if total:
        total += math.copysign(min(text.count("!"), 4) * EXCLAMATION_BOOST, total)
    return squash(total)


def _match_phrase(stems: list[str], start: int, phrases: dict) -> tuple[int, float] | None:
    for length in range(MAX_PHRASE, 1, -1):
        candidate = tuple(stems[start : start + length])
        if len(candidate) == length and candidate in phrases:
            return length, phrases[candidate]
    return None
