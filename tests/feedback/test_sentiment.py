"""Offline sentiment: rules, languages, and the measured accuracy on tests/data/ (held-out half).

The floors below sit a few points under the measured figures (BENCHMARKS.md) so that a lexicon
change that makes things worse fails here.
"""

import pytest
from django.core.management import call_command

from feedback.choices import Language, Sentiment
from feedback.sentiment import analyze, detect_language
from feedback.sentiment.evaluation import evaluate, load_samples

HELD_OUT_FLOOR = {Language.RU: 0.80, Language.EN: 0.78}


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Курьер вежливый, доставили быстро", Sentiment.POSITIVE),
        ("Мне не понравилось обслуживание", Sentiment.NEGATIVE),  # negation flips
        ("Никаких проблем, всё чётко", Sentiment.POSITIVE),
        ("Без проблем вернули деньги", Sentiment.POSITIVE),  # "без" + negative word
        ("Ни разу не подвели", Sentiment.POSITIVE),  # double negation
        ("Доставка быстрая, но товар пришёл сломанным и грязным", Sentiment.NEGATIVE),  # "но"
        ("Заказ оплачен картой", Sentiment.NEUTRAL),
        ("Качество ужасное, никому не советую!!!", Sentiment.NEGATIVE),
        ("Service was great, thank you!", Sentiment.POSITIVE),
        ("The courier was late and rude", Sentiment.NEGATIVE),
        ("Not bad at all", Sentiment.POSITIVE),
        ("The order was delivered on Tuesday", Sentiment.NEUTRAL),
    ],
)
def test_rules(text, label):
    assert analyze(text).label == label


def test_inflected_forms_share_a_stem():
    for text in ("Ужасный сервис", "Ужасная доставка", "Ужасно долго", "Сервис ужасен"):
        assert analyze(text).label == Sentiment.NEGATIVE, text


def test_language_is_read_from_the_text():
    assert detect_language("Всё отлично") == Language.RU
    assert detect_language("All good") == Language.EN
    assert detect_language("12345", default=Language.RU) == Language.RU
    assert analyze("Great service", Language.RU).language == Language.EN
    assert analyze("") is None and analyze("   ") is None


def test_samples_are_big_enough_and_labelled():
    for language in Language.values:
        rows = load_samples(language)
        assert len(rows) >= 200
        assert {label for label, _ in rows} == set(Sentiment.values)


@pytest.mark.parametrize("language", Language.values)
def test_held_out_accuracy(language):
    report = evaluate(language, "held_out")
    assert report.total >= 100
    assert report.accuracy >= HELD_OUT_FLOOR[language], report.misses


def test_accuracy_command(capsys):
    call_command("feedback_sentiment_accuracy", "--split", "held_out")
    out = capsys.readouterr().out
    assert "ru held_out:" in out and "en held_out:" in out
