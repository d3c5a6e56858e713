"""Writes of funnel analytics: report requests and runs, the nightly refresh, manual funnels."""

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cjm.choices import JourneyStatus, Role
from cjm.core.changes import UPDATED, record_object
from cjm.core.permissions import require_role
from cjm.funnels import runner
from cjm.funnels.choices import DEFAULT_CONVERSION_WINDOW_DAYS, JobStatus
from cjm.models import (
    FunnelDefinition,
    FunnelReport,
    Journey,
    ManualFunnel,
    ManualFunnelCount,
    Stage,
)

logger = logging.getLogger(__name__)

MANUAL_FUNNEL_FIELDS = {"title", "date_from", "date_to", "note", "counts"}
MAX_RANGE_DAYS = 5 * 366


def _definition(journey, *, date_from, date_to, window_days, channel, standard) -> FunnelDefinition:
    lookup = {
        "journey": journey,
        "date_from": date_from,
        "date_to": date_to,
        "conversion_window_days": window_days,
        "channel": channel,
    }
    definition = FunnelDefinition.objects.filter(**lookup).first()
    if definition is None:
        definition = FunnelDefinition(**lookup, is_standard=standard)
        definition.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                definition.save()
        except IntegrityError:  # created concurrently
            definition = FunnelDefinition.objects.get(**lookup)
    if standard and not definition.is_standard:
        FunnelDefinition.objects.filter(pk=definition.pk).update(is_standard=True)
        definition.is_standard = True
    return definition


def _queue_run(report: FunnelReport) -> None:
    from cjm.tasks import funnel_report_run_task

    transaction.on_commit(lambda: funnel_report_run_task.delay(report.pk))


@transaction.atomic
def funnel_report_request(
    *,
    actor,
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
    definition = _definition(
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


def funnel_report_run(*, report_id: int, force_full: bool = False) -> FunnelReport:
    """Compute a report (idempotent: a finished report is returned as it is).

    The caller (the Celery task) decides about retries; on a final error call
    ``funnel_report_fail``.
    """
    report = FunnelReport.objects.select_related("definition").get(pk=report_id)
    if report.status in (JobStatus.DONE, JobStatus.FAILED):
        return report
    FunnelReport.objects.filter(pk=report.pk).update(
        status=JobStatus.RUNNING,
        started_at=timezone.now(),
        progress=0,
        attempts=report.attempts + 1,
    )

    def progress(percent: int) -> None:
        FunnelReport.objects.filter(pk=report.pk).update(progress=min(percent, 99))

    outcome = runner.run(report, force_full=force_full, on_progress=progress)
    FunnelReport.objects.filter(pk=report.pk).update(
        status=JobStatus.DONE,
        progress=100,
        mode=outcome.mode,
        result=outcome.result,
        customers_processed=outcome.customers_processed,
        error="",
        finished_at=timezone.now(),
    )
    if outcome.prune:
        from cjm.tasks import funnel_progress_prune_task

        transaction.on_commit(lambda: funnel_progress_prune_task.delay(report.definition_id))
    report.refresh_from_db()
    _record_finished(report)
    return report


def _record_finished(report: FunnelReport) -> None:
    """A finished report is what the map's metrics lane shows (cjm/core/changes.py)."""
    fields = {"status": {"old": JobStatus.RUNNING, "new": report.status}}
    journey = report.journey
    text = f"{journey} {report.definition.date_from}..{report.definition.date_to}"
    record_object(
        None,
        report,
        UPDATED,
        workspace_id=journey.workspace_id,
        journey_ids=[journey.pk],
        fields=fields,
        object_repr=text,
    )


def funnel_progress_prune(*, definition_id: int) -> int:
    """Delete the progress rows of a definition's superseded generations."""
    return runner.prune(definition_id)


def funnel_report_fail(*, report_id: int, error: str) -> None:
    FunnelReport.objects.filter(pk=report_id).exclude(status=JobStatus.DONE).update(
        status=JobStatus.FAILED, error=error[:2000], finished_at=timezone.now()
    )


def funnel_reports_refresh_standard(*, today: datetime.date | None = None) -> list[int]:
    """Nightly: for every active journey, the current month's standard definition (created on
    the first run of the month) and every definition marked standard whose customers can still
    convert (``date_to`` no older than its conversion window) get a fresh report. Each run is
    incremental when the previous progress can be reused."""
    today = today or timezone.now().date()
    month_start = today.replace(day=1)
    next_month = (month_start + datetime.timedelta(days=32)).replace(day=1)
    queued = []
    with transaction.atomic():
        for journey in Journey.objects.filter(status=JourneyStatus.ACTIVE):
            if not journey.stages.exists():
                continue
            _definition(
                journey,
                date_from=month_start,
                date_to=next_month - datetime.timedelta(days=1),
                window_days=DEFAULT_CONVERSION_WINDOW_DAYS,
                channel=None,
                standard=True,
            )
        definitions = FunnelDefinition.objects.filter(
            is_standard=True, journey__status=JourneyStatus.ACTIVE
        ).select_related("journey")
        for definition in definitions:
            horizon = definition.date_to + datetime.timedelta(
                days=definition.conversion_window_days
            )
            if horizon < today:
                continue
            report = FunnelReport.objects.create(definition=definition, journey=definition.journey)
            _queue_run(report)
            queued.append(report.pk)
    logger.info("Queued %d standard funnel reports", len(queued))
    return queued


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
    actor,
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
    *, actor, funnel: ManualFunnel, expected_version: int | None = None, **changes
) -> ManualFunnel:
    from cjm.core.versioning import apply_changes

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
    *, actor, funnel: ManualFunnel, expected_version: int | None = None
) -> None:
    from cjm.core.versioning import lock_fresh

    require_role(actor, funnel.journey.workspace_id, Role.EDITOR)
    lock_fresh(funnel, expected_version).delete()
