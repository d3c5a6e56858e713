"""Small helpers shared by the feedback services."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from feedback import sentiment


def reject_nul(**texts: str) -> None:
    """PostgreSQL text columns refuse NUL characters: answer 400, not 500."""
    bad = {
        name: [_("This text contains a NUL character.")]
        for name, v in texts.items()
        if v and "\x00" in v
    }
    if bad:
        raise ValidationError(bad)


def check_lengths(limit: int, **texts: str) -> None:
    """Text columns do not enforce ``max_length``: refuse oversized texts with a field error."""
    bad = {
        name: [
            _("Please keep it under %(limit_value)d characters (now %(show_value)d).")
            % {"limit_value": limit, "show_value": len(value)}
        ]
        for name, value in texts.items()
        if value and len(value) > limit
    }
    if bad:
        raise ValidationError(bad)


def apply_sentiment(
    obj, text: str, fallback_language: str, *, set_language: bool = True, kind=None, score=None
) -> None:
    """Set ``sentiment`` and ``sentiment_score`` on a response or review, and its ``language``
    to the text's when ``set_language`` (a review's language is its text's; an answer keeps the
    language of the page it was given on)."""
    result = sentiment.analyze(text, fallback_language, kind=kind, score=score)
    if result is None:
        obj.sentiment, obj.sentiment_score = "", None
        return
    obj.sentiment, obj.sentiment_score = result.label, result.score
    if set_language:
        obj.language = result.language
