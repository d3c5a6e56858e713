"""Writes of the evidence slice: only its cached aggregate (models.ActionOutcome), derived from
events, answers and the actions' done times. A system write (no actor, no role): it records no
change of its own, but bumps the revision of the maps whose cards show the outcome."""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cjm.services.revisions import journey_revisions_bump
from touchpoints.choices import ActionStatus
from touchpoints.models import ImprovementAction

from .impact import DEFAULT_WINDOW_DAYS
from .models import ActionOutcome, Outcome
from .selectors import action_impact

# Nightly, done actions are measured again while late events can still move their figures.
REMEASURE_DAYS = 2 * DEFAULT_WINDOW_DAYS + 7


@transaction.atomic
def action_outcomes_refresh(*, action_ids=None, now=None) -> int:
    """Measure these done actions (``None``: those due: never measured, measured for another
    done time, too early before and measurable now, or done in the last ``REMEASURE_DAYS``) and
    store their outcome; drop the outcome of actions no longer done. Returns how many changed."""
    now = now or timezone.now()
    done = ImprovementAction.objects.filter(status=ActionStatus.DONE).select_related(
        "touchpoint", "touchpoint__stage", "outcome"
    )
    stale = ActionOutcome.objects.exclude(action__status=ActionStatus.DONE)
    if action_ids is not None:
        stale = stale.filter(action_id__in=action_ids)
        done = done.filter(pk__in=action_ids)
    else:
        recent = now - datetime.timedelta(days=REMEASURE_DAYS)
        done = done.filter(
            Q(outcome__isnull=True) | Q(done_at__gte=recent) | Q(outcome__outcome=Outcome.TOO_EARLY)
        )
    changed_maps = set(stale.values_list("action__touchpoint__stage__journey_id", flat=True))
    changed, _ = stale.delete()
    for action in done:
        impact = action_impact(action=action, now=now)
        values = {
            "outcome": impact.outcome,
            "done_at": action.done_at,
            "window_days": impact.window_days,
            "exit_rate_before": impact.before.exit_rate,
            "exit_rate_after": impact.after.exit_rate,
            "p_value": impact.p_value,
        }
        stored = getattr(action, "outcome", None)
        if stored is not None and all(getattr(stored, k) == v for k, v in values.items()):
            continue
        ActionOutcome.objects.update_or_create(
            action=action, defaults={**values, "measured_at": now}
        )
        changed += 1
        if stored is None or stored.outcome != impact.outcome:
            changed_maps.add(action.touchpoint.stage.journey_id)
    if changed_maps:
        journey_revisions_bump(workspace_id=None, journey_ids=changed_maps)
    return changed
