"""Accuracy of the sentiment scorer on the labelled samples in ``tests/data/``.

Each file is ``label<TAB>text[<TAB>answer]`` with a header line; ``answer`` (optional) is the
survey answer the text came with, ``kind:score`` (``nps:3``), for the score-aware rule (a
neutral text next to a low score is a complaint). Rows are split by position: even rows
(0, 2, 4, ...) are the *dev* half, which the lexicons were tuned against; odd rows are the
*held-out* half, kept out of tuning, whose accuracy is the honest figure.
"""

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from feedback.choices import Language, Sentiment
from feedback.sentiment import analyze

SPLITS = ("dev", "held_out", "all")


def data_path(language: str) -> Path:
    return Path(settings.BASE_DIR) / "tests" / "data" / f"sentiment_{language}.tsv"


@dataclass(frozen=True)
class Sample:
    label: str
    text: str
    kind: str | None = None  # the survey answer's kind and score, when the text came with one
    score: int | None = None


def _sample(line: str) -> Sample:
    label, text, *rest = line.split("\t")
    answer = rest[0].strip() if rest else ""
    if not answer:
        return Sample(label, text)
    kind, score = answer.split(":")
    return Sample(label, text, kind, int(score))


def load_rows(language: str, split: str = "all") -> list[Sample]:
    lines = data_path(language).read_text(encoding="utf-8").splitlines()[1:]
    rows = [_sample(line) for line in lines if line.strip()]
    if split == "dev":
        return rows[0::2]
    if split == "held_out":
        return rows[1::2]
    return rows


def load_samples(language: str, split: str = "all") -> list[tuple[str, str]]:
    """(label, text) pairs of ``split``."""
    return [(row.label, row.text) for row in load_rows(language, split)]


@dataclass
class Report:
    language: str
    split: str
    total: int = 0
    correct: int = 0
    confusion: Counter = field(default_factory=Counter)  # (expected, predicted) -> n
    misses: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def recall(self, label: str) -> float:
        expected = sum(n for (exp, _), n in self.confusion.items() if exp == label)
        return self.confusion[(label, label)] / expected if expected else 0.0


def evaluate(language: str, split: str = "held_out") -> Report:
    report = Report(language=language, split=split)
    for sample in load_rows(language, split):
        expected, text = sample.label, sample.text
        result = analyze(text, language, kind=sample.kind, score=sample.score)
        predicted = result.label if result else Sentiment.NEUTRAL
        report.total += 1
        report.correct += predicted == expected
        report.confusion[(expected, predicted)] += 1
        if predicted != expected:
            report.misses.append((expected, predicted, text))
    return report


def evaluate_all(split: str = "held_out") -> list[Report]:
    return [evaluate(language, split) for language in Language.values]
