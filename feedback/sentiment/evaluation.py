"""Accuracy of the sentiment scorer on the labelled samples in ``tests/data/``.

Each file is ``label<TAB>text`` with a header line. Rows are split by position: even rows
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


def load_samples(language: str, split: str = "all") -> list[tuple[str, str]]:
    lines = data_path(language).read_text(encoding="utf-8").splitlines()[1:]
    rows = [tuple(line.split("\t", 1)) for line in lines if line.strip()]
    if split == "dev":
        return rows[0::2]
    if split == "held_out":
        return rows[1::2]
    return rows


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
    for expected, text in load_samples(language, split):
        result = analyze(text, language)
        predicted = result.label if result else Sentiment.NEUTRAL
        report.total += 1
        report.correct += predicted == expected
        report.confusion[(expected, predicted)] += 1
        if predicted != expected:
            report.misses.append((expected, predicted, text))
    return report


def evaluate_all(split: str = "held_out") -> list[Report]:
    return [evaluate(language, split) for language in Language.values]
