"""The cached outcomes of done actions (models.ActionOutcome), as the map cards and the register
show them: per touchpoint, how many of its done actions worked, did not, or are too early.
An outcome counts only while it was measured from the action's current done time."""

from collections.abc import Iterable

from django.db.models import Count, F, Q, QuerySet

from touchpoints.choices import ActionStatus

from .models import ActionOutcome, Outcome

SHOWN = (Outcome.WORKED, Outcome.DID_NOT_WORK, Outcome.TOO_EARLY)


def current_outcomes() -> QuerySet[ActionOutcome]:
    return ActionOutcome.objects.filter(
        action__status=ActionStatus.DONE, done_at=F("action__done_at")
    )


def outcome_counts(touchpoint_ids: Iterable[int]) -> dict[int, dict[str, int]]:
    """Touchpoint id -> {outcome: number of its done actions} (one grouped query; touchpoints
    without a measured done action are left out)."""
    rows = (
        current_outcomes()
        .filter(action__touchpoint_id__in=list(touchpoint_ids), outcome__in=SHOWN)
        .order_by()
        .values("action__touchpoint_id", "outcome")
        .annotate(n=Count("pk"))
    )
    counts: dict[int, dict[str, int]] = {}
    for row in rows:
        counts.setdefault(row["action__touchpoint_id"], {})[row["outcome"]] = row["n"]
    return counts


def attach_outcomes(cards: list) -> None:
    """Give each card ``action_outcomes`` ({outcome: count}, empty without any): one query."""
    counts = outcome_counts(card.pk for card in cards)
    for card in cards:
        card.action_outcomes = counts.get(card.pk, {})


def touchpoints_with_outcome(outcome: str) -> Q:
    """A filter of touchpoints with at least one done action of this outcome (the register)."""
    ids = current_outcomes().filter(outcome=outcome).values("action__touchpoint_id")
    return Q(pk__in=ids)
