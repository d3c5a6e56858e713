"""Choices of the journeys app: journeys, stages, lanes and the emotion scale."""

import functools

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

# Roles belong to tenancy (cjm.core); still importable from here for older imports.
from cjm.core.roles import ROLE_RANK, Role  # noqa: F401


class JourneyState(models.TextChoices):
    CURRENT = "current", _("Current state")
    FUTURE = "future", _("Future state")


class JourneyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("Active")
    ARCHIVED = "archived", _("Archived")


class MomentOfTruth(models.TextChoices):
    NONE = "", _("None")
    ZMOT = "zmot", _("Zero moment of truth (ZMOT)")
    FMOT = "fmot", _("First moment of truth (FMOT)")
    SMOT = "smot", _("Second moment of truth (SMOT)")
    UMOT = "umot", _("Ultimate moment of truth (UMOT)")


class PurchasePhase(models.TextChoices):
    NONE = "", _("Not set")
    BEFORE = "before", _("Before purchase")
    DURING = "during", _("During purchase")
    AFTER = "after", _("After purchase")


class LaneKind(models.TextChoices):
    GOALS = "goals", _("Customer goals")
    ACTIONS = "actions", _("Actions")
    THOUGHTS = "thoughts", _("Thoughts")
    EMOTIONS = "emotions", _("Emotions")
    PAINS = "pains", _("Pains, barriers and fears")
    EXPECTATIONS = "expectations", _("Expectations")
    OPPORTUNITIES = "opportunities", _("Opportunities")
    TOUCHPOINTS = "touchpoints", _("Touchpoints")
    CHANNELS = "channels", _("Channels")
    METRICS = "metrics", _("Metrics (funnel)")
    # Service-blueprint lanes (drawn below the customer's lanes, with the lines of interaction,
    # visibility and internal interaction between them).
    FRONTSTAGE = "frontstage", _("Frontstage actions")
    BACKSTAGE = "backstage", _("Backstage actions")
    SUPPORT = "support", _("Support processes")
    EVIDENCE = "evidence", _("Physical evidence")
    CUSTOM = "custom", _("Custom")


@functools.cache
def lane_default_names(kind: str) -> frozenset[str]:
    """The default name of a standard lane in every language of the site (a lane still named so
    was never renamed, and is shown in the reader's language)."""
    if kind == LaneKind.CUSTOM or kind not in LaneKind.values:
        return frozenset()
    names = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            names.add(str(LaneKind(kind).label))
    return frozenset(names)


def lane_display_name(kind: str, name: str) -> str:
    """What a lane is called for the reader: a standard lane that kept its default name follows
    the reader's language; a renamed or custom lane keeps the name it was given."""
    if name in lane_default_names(kind):
        return str(LaneKind(kind).label)
    return name


# Service-blueprint lanes, in the order the map draws them below the customer's lanes (each may
# be added more than once). The lines between them: (line name, the first kind below the line).
BLUEPRINT_LANES = [LaneKind.FRONTSTAGE, LaneKind.BACKSTAGE, LaneKind.SUPPORT, LaneKind.EVIDENCE]


# The lanes a new journey starts with, in order.
STANDARD_LANES = [
    LaneKind.GOALS,
    LaneKind.ACTIONS,
    LaneKind.TOUCHPOINTS,
    LaneKind.CHANNELS,
    LaneKind.THOUGHTS,
    LaneKind.EMOTIONS,
    LaneKind.PAINS,
    LaneKind.EXPECTATIONS,
    LaneKind.OPPORTUNITIES,
    LaneKind.METRICS,
]

EMOTION_MIN, EMOTION_MAX = -3, 3

# The most a lane cell holds, in characters: the editor's form, the API and the service agree.
CELL_TEXT_MAX = 10_000
