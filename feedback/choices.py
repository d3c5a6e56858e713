from django.db import models
from django.utils.translation import gettext_lazy as _


class SurveyKind(models.TextChoices):
    NPS = "nps", _("NPS (0-10, would you recommend us)")
    CSAT = "csat", _("CSAT (1-5, how satisfied)")
    CES = "ces", _("CES (1-7, how easy)")


# The answer scale of each kind: (lowest, highest).
SCALES: dict[str, tuple[int, int]] = {
    SurveyKind.NPS: (0, 10),
    SurveyKind.CSAT: (1, 5),
    SurveyKind.CES: (1, 7),
}


class SurveyScope(models.TextChoices):
    TRANSACTIONAL = "transactional", _("Transactional (after an interaction)")
    RELATIONSHIP = "relationship", _("Relationship (the whole brand)")


class Language(models.TextChoices):
    RU = "ru", _("Russian")
    EN = "en", _("English")


class ResponseOrigin(models.TextChoices):
    PUBLIC_LINK = "public_link", _("Public link")
    INVITATION = "invitation", _("Invitation")
    API = "api", _("API")


class ReviewSource(models.TextChoices):
    OWN_SITE = "own_site", _("Own website")
    MARKETPLACE = "marketplace", _("Marketplace")
    SOCIAL = "social", _("Social network")
    MAP_SERVICE = "map_service", _("Map service")
    REVIEW_SITE = "review_site", _("Review site")


class TrustLevel(models.TextChoices):
    """The review-maturity model of seed 000, from least to most trustworthy."""

    ANONYMOUS = "anonymous", _("Anonymous")
    IDENTIFIED = "identified", _("Identified author")
    VERIFIED_IDENTITY = "verified_identity", _("Verified identity")
    VERIFIED_PURCHASE = "verified_purchase", _("Verified purchase")


TRUST_ORDER = [
    TrustLevel.ANONYMOUS,
    TrustLevel.IDENTIFIED,
    TrustLevel.VERIFIED_IDENTITY,
    TrustLevel.VERIFIED_PURCHASE,
]


class Sentiment(models.TextChoices):
    NEGATIVE = "negative", _("Negative")
    NEUTRAL = "neutral", _("Neutral")
    POSITIVE = "positive", _("Positive")


# Negative first: the inbox surfaces complaints before praise.
SENTIMENT_RANK = {Sentiment.NEGATIVE: 0, Sentiment.NEUTRAL: 1, Sentiment.POSITIVE: 2}


class MetricDimension(models.TextChoices):
    WORKSPACE = "workspace", _("Whole workspace")
    JOURNEY = "journey", _("Journey")
    STAGE = "stage", _("Stage")
    TOUCHPOINT = "touchpoint", _("Touchpoint")
    CHANNEL = "channel", _("Channel")
