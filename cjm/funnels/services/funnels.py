"""Writes of funnel analytics: report requests (queued for the background run) and manual
funnels. The runs themselves and the nightly refresh are ``cjm.funnels.services.runs``."""

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerError

from cjm.core.permissions import require_role
from cjm.core.roles import Role
from cjm.core.typing import Actor
from cjm.core.versioning import apply_changes, lock_fresh
from cjm.funnels.choices import DEFAULT_CONVERSION_WINDOW_DAYS, JobStatus
from cjm.funnels.models import FunnelReport, ManualFunnel, ManualFunnelCount
from cjm.funnels.services.runs import definition_for
from cjm.funnels.tasks import funnel_report_run_task
from cjm.models import Journey, Stage

logger = logging.getLogger(__name__)

MANUAL_FUNNEL_FIELDS = {"title", "date_from", "date_to", "note", "counts"}
MAX_RANGE_DAYS = 5 * 366


def _queue_run(report: FunnelReport) -> None:
    def queue() -> None:
        try:
            funnel_report_run_task.delay(report.pk)
        except BrokerError:
            # Redis is down: the report would wait as "pending" for ever. It fails with the
            # reason, and the error reaches the caller (the API answers 503: ask again later).
            FunnelReport.objects.filter(pk=report.pk).update(
                status=JobStatus.FAILED, error="The job queue is unavailable; ask again later."
            )
            raise

    transaction.on_commit(queue)


@transaction.atomic
def funnel_report_request(
    *,
    actor: Actor,
    journey: Journey,
    date_from: datetime.date,
    date_to: datetime.date,
    conversion_window_days: int = DEFAULT_CONVERSION_WINDOW_DAYS,
    segment=None,
    channel=None,
    standard: bool = False,
) -> FunnelReport:
    """Ask for a report (editors and admins); a background job computes it (poll ``status`` and
    ``progress``).

    ``standard=True`` also has the definition recomputed nightly while the journey is active.
    """
    require_role(actor, journey.workspace_id, Role.EDITOR)
    errors = {}
    if date_from > date_to:
        errors["date_to"] = [_("The end date is before the start date.")]
    elif (date_to - date_from).days > MAX_RANGE_DAYS:
        errors["date_to"] = [_("At most five years per report.")]
    if not 1900 <= date_from.year <= 9998:
        errors["date_from"] = [_("The date is out of range.")]
    if not 1900 <= date_to.year <= 9998:
        errors["date_to"] = [_("The date is out of range.")]
    if segment is not None and segment.workspace_id != journey.workspace_id:
        errors["segment"] = [_("The segment belongs to another workspace.")]
    if channel is not None and channel.workspace_id != journey.workspace_id:
        errors["channel"] = [_("The channel belongs to another workspace.")]
    if errors:
        raise ValidationError(errors)
    definition = definition_for(
        journey,
        date_from=date_from,
        date_to=date_to,
        window_days=conversion_window_days,
        channel=channel,
        standard=standard,
    )
    report = FunnelReport.objects.create(
        definition=definition, journey=journey, segment=segment, requested_by=actor
    )
    _queue_run(report)
    return report


# --- Manual funnels -----------------------------------------------------------------------


def _set_counts(funnel: ManualFunnel, counts: list[dict]) -> None:
    """``counts``: [{"stage": Stage or id, "customers": n}] for stages of the funnel's journey."""
    positions = dict(
        Stage.objects.filter(journey_id=funnel.journey_id).values_list("pk", "position")
    )
    cleaned, errors = {}, []
    for index, item in enumerate(counts):
        stage_id = getattr(item.get("stage"), "pk", item.get("stage"))
        customers = item.get("customers")
        if stage_id not in positions:
            errors.append(_("Row %(i)d: the stage is not on this map.") % {"i": index})
        elif stage_id in cleaned:
            errors.append(_("Row %(i)d: the stage is given twice.") % {"i": index})
        elif not isinstance(customers, int) or isinstance(customers, bool) or customers < 0:
            errors.append(_("Row %(i)d: customers must be a whole number.") % {"i": index})
        else:
            cleaned[stage_id] = customers
    ordered = sorted(cleaned.items(), key=lambda item: positions[item[0]])
    for (_stage, before), (_next, after) in zip(ordered, ordered[1:], strict=False):
        if after > before:
            errors.append(
                _("Counts cannot grow from one stage to the next (%(a)d then %(b)d).")
                % {"a": before, "b": after}
            )
            break
    if errors:
        raise ValidationError({"counts": errors})
    funnel.counts.all().delete()
    ManualFunnelCount.objects.bulk_create(
        ManualFunnelCount(manual_funnel=funnel, stage_id=stage_id, customers=customers)
        for stage_id, customers in ordered
    )


@transaction.atomic
def manual_funnel_create(
    *,
    actor: Actor,
    journey: Journey,
    date_from: datetime.date,
    date_to: datetime.date,
    counts: list[dict],
    title: str = "",
    note: str = "",
) -> ManualFunnel:
    """Counts per stage typed in for a period (1000 contacts -> 300 -> 100 deals)."""
    require_role(actor, journey.workspace_id, Role.EDITOR)
    funnel = ManualFunnel(
        journey=journey,
        title=title,
        date_from=date_from,
        date_to=date_to,
        note=note,
        created_by=actor,
        updated_by=actor,
    )
    funnel.full_clean()
    funnel.save()
    _set_counts(funnel, counts)
    return funnel


@transaction.atomic
def manual_funnel_update(
    *, actor: Actor, funnel: ManualFunnel, expected_version: int | None = None, **changes
) -> ManualFunnel:
    require_role(actor, funnel.journey.workspace_id, Role.EDITOR)
    counts = changes.pop("counts", None)
    funnel = apply_changes(
        funnel,
        changes=changes,
        allowed=MANUAL_FUNNEL_FIELDS - {"counts"},
        actor=actor,
        expected_version=expected_version,
    )
    if counts is not None:
        _set_counts(funnel, counts)
    return funnel


@transaction.atomic
def manual_funnel_delete(
    *, actor: Actor, funnel: ManualFunnel, expected_version: int | None = None
) -> None:
    require_role(actor, funnel.journey.workspace_id, Role.EDITOR)
    lock_fresh(funnel, expected_version).delete()
