"""Celery jobs of the evidence slice: thin, safe to run twice."""

from celery import shared_task

from cjm.evidence.services import action_outcomes_refresh


@shared_task
def action_outcomes_refresh_task(action_ids: list[int] | None = None) -> int:
    """Measure done actions again and store their outcome (``None``: the ones due, nightly)."""
    return action_outcomes_refresh(action_ids=action_ids)
