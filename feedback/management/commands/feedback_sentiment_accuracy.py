"""Measure the offline sentiment scorer on the labelled samples in tests/data/."""

from django.core.management.base import BaseCommand

from feedback.choices import Language, Sentiment
from feedback.sentiment.evaluation import SPLITS, evaluate


class Command(BaseCommand):
    help = "Accuracy of the RU and EN sentiment scorer on tests/data/sentiment_*.tsv."

    def add_arguments(self, parser):
        parser.add_argument("--split", choices=SPLITS, default="held_out")
        parser.add_argument("--language", choices=Language.values)
        parser.add_argument("--misses", action="store_true", help="List the wrong answers.")

    def handle(self, *args, split, language, misses, **options):
        for code in [language] if language else Language.values:
            report = evaluate(code, split)
            recalls = ", ".join(f"{label} {report.recall(label):.0%}" for label in Sentiment.values)
            self.stdout.write(
                f"{code} {split}: {report.correct}/{report.total} = {report.accuracy:.1%}"
                f" (recall: {recalls})"
            )
            if misses:
                for expected, predicted, text in report.misses:
                    self.stdout.write(f"  expected {expected:8} got {predicted:8} {text}")
