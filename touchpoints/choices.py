from django.db import models
from django.utils.translation import gettext_lazy as _


class ChannelKind(models.TextChoices):
    ONLINE = "online", _("Online")
    OFFLINE = "offline", _("Offline")


class ChannelMedium(models.TextChoices):
    WEBSITE = "website", _("Website")
    APP = "app", _("Mobile app")
    EMAIL = "email", _("Email")
    SOCIAL = "social", _("Social network")
    MESSENGER = "messenger", _("Messenger")
    PHONE = "phone", _("Phone / call centre")
    STORE = "store", _("Store / office")
    PRINT_OUTDOOR = "print_outdoor", _("Print / outdoor")
    DELIVERY = "delivery", _("Delivery / courier")
    MARKETPLACE = "marketplace", _("Marketplace")
    REVIEW_SITE = "review_site", _("Review site")
    EVENT = "event", _("Event")
    OTHER = "other", _("Other")


class TouchpointCategory(models.TextChoices):
    """The five kinds of touchpoint of seed 000."""

    BUSINESS = "business", _("Business")
    PRODUCT = "product", _("Product")
    SERVICE = "service", _("Service")
    EMPLOYEE = "employee", _("Employee")
    BRAND = "brand", _("Brand")


class Rating(models.TextChoices):
    """Seed 000: excellent / so-so / awful (отлично / так себе / ужасно)."""

    EXCELLENT = "excellent", _("Excellent")
    SO_SO = "so_so", _("So-so")
    AWFUL = "awful", _("Awful")
    UNRATED = "unrated", _("Not rated")


# The order ratings are shown in everywhere (best first, "not rated" last): the cards' menu,
# the counters of a map or a workspace, the register and the drawer's form.
RATINGS_IN_ORDER = (Rating.EXCELLENT, Rating.SO_SO, Rating.AWFUL, Rating.UNRATED)
RATING_CHOICES = [(rating.value, rating.label) for rating in RATINGS_IN_ORDER]


class CustomerReaction(models.TextChoices):
    UNKNOWN = "", _("Unknown")
    POSITIVE = "positive", _("Positive")
    NEUTRAL = "neutral", _("Neutral")
    NEGATIVE = "negative", _("Negative")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_ACTION_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)

IMPORTANCE_MIN, IMPORTANCE_MAX = 1, 10
