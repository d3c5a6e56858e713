"""Writes of survey answers: the public page, invitation links and the API (single and bulk).

The same checks everywhere: the score is on the survey's scale, texts fit, no NUL characters,
the survey is open (for the public page and links), the fatigue rule holds; an idempotency
key makes a replayed API call store nothing new.
"""

import datetime
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cjm.core.exceptions import RowsInvalid
from cjm.core.permissions import require_role
from cjm.core.roles import Role
from cjm.core.typing import Actor
from feedback.choices import Language, ResponseOrigin
from feedback.models import Invitation, Response, Survey
from feedback.models.responses import COMMENT_MAX
from feedback.services import fatigue
from feedback.services.common import apply_sentiment, check_lengths, reject_nul
from feedback.services.settings import feedback_settings_lock
from feedback.signals import announce_negative, send_on_commit

MAX_BULK = 1000
CLOCK_SKEW = datetime.timedelta(minutes=5)


class LinkGone(Exception):
    """The public or invitation link cannot take an answer; ``reason`` says why."""

    INVALID, USED, EXPIRED, CLOSED = "invalid", "used", "expired", "closed"

    def __init__(self, reason: str, survey: Survey | None = None, language: str | None = None):
        super().__init__(reason)
        self.reason, self.survey, self.language = reason, survey, language


class BulkValidationError(RowsInvalid):
    """Bad rows of a feedback bulk call (answers, reviews), given as ``{index: errors}``; the
    API answers with the one bulk style (``rows``: ``[{"index", "errors"}]``) and, under
    ``rows_by_index``, the ``{"3": {...}}`` shape these endpoints answered with before."""

    rows_by_index_alias = True

    def __init__(self, errors: dict[int, dict]):
        rows = [{"index": index, "errors": row_errors} for index, row_errors in errors.items()]
        super().__init__(rows, message=_("Some rows are not valid; nothing was stored."))


def _default_channel(survey: Survey):
    """The channel of the interaction: the survey's, else its touchpoint's."""
    if survey.channel_id:
        return survey.channel
    return survey.touchpoint.channel if survey.touchpoint is not None else None


def _build(
    survey: Survey,
    *,
    origin: str,
    score,
    comment: str = "",
    improve_text: str = "",
    value_text: str = "",
    language: str | None = None,
    customer: str = "",
    channel=None,
    created_at=None,
    idempotency_key: str | None = None,
    invitation: Invitation | None = None,
) -> Response:
    """An unsaved, validated response (raises ValidationError with field errors)."""
    reject_nul(
        comment=comment,
        improve_text=improve_text,
        value_text=value_text,
        customer=customer,
        idempotency_key=idempotency_key or "",
    )
    check_lengths(COMMENT_MAX, comment=comment, improve_text=improve_text, value_text=value_text)
    now = timezone.now()
    if created_at and created_at > now + CLOCK_SKEW:
        raise ValidationError({"created_at": [_("An answer cannot come from the future.")]})
    if channel is not None and channel.workspace_id != survey.workspace_id:
        raise ValidationError({"channel": [_("The channel belongs to another workspace.")]})
    response = Response(
        workspace_id=survey.workspace_id,
        survey=survey,
        kind=survey.kind,
        journey_id=survey.journey_id,
        stage_id=survey.stage_id,
        touchpoint_id=survey.touchpoint_id,
        channel=channel if channel is not None else _default_channel(survey),
        score=score,
        comment=comment or "",
        improve_text=improve_text or "",
        value_text=value_text or "",
        language=language if language in Language.values else survey.default_language,
        origin=origin,
        invitation=invitation,
        customer_external_id=customer or "",
        idempotency_key=idempotency_key or None,
        created_at=created_at or now,
    )
    response.full_clean(exclude=["survey", "workspace", "invitation", "channel"])
    apply_sentiment(
        response,
        response.text,
        response.language,
        set_language=False,
        kind=response.kind,
        score=response.score,
    )
    return response


@transaction.atomic
def response_submit_public(*, survey: Survey, score, language: str, **texts) -> Response:
    """An anonymous answer through the survey's public link (no customer: no fatigue check)."""
    if not (survey.is_open() and survey.public_link_enabled):
        raise LinkGone(LinkGone.CLOSED, survey, language)
    response = _build(
        survey, origin=ResponseOrigin.PUBLIC_LINK, score=score, language=language, **texts
    )
    response.save()
    send_on_commit(Response, [response])
    announce_negative([response], "response")
    return response


def invitation_from_token(token: str) -> Invitation:
    """The invitation a token names (any state), or LinkGone(INVALID)."""
    parsed = Invitation.unsign(token)
    invitation = None
    if parsed:
        invitation = (
            Invitation.objects.select_related("survey", "survey__workspace")
            .filter(pk=parsed[0], nonce=parsed[1])
            .first()
        )
    if invitation is None:
        raise LinkGone(LinkGone.INVALID)
    return invitation


def invitation_check_usable(invitation: Invitation) -> None:
    """Raise LinkGone if the invitation can no longer take an answer."""
    survey = invitation.survey
    if invitation.used_at is not None:
        raise LinkGone(LinkGone.USED, survey, invitation.language)
    if invitation.expires_at <= timezone.now():
        raise LinkGone(LinkGone.EXPIRED, survey, invitation.language)
    if not survey.is_open():
        raise LinkGone(LinkGone.CLOSED, survey, invitation.language)


@transaction.atomic
def response_submit_invitation(
    *, token: str, score, language: str | None = None, **texts
) -> Response:
    """An answer through a personal link. The link is claimed with a conditional UPDATE: of two
    simultaneous submissions exactly one stores an answer, the other gets LinkGone(USED)."""
    invitation = invitation_from_token(token)
    invitation_check_usable(invitation)
    survey = invitation.survey
    language = language or invitation.language
    response = _build(
        survey,
        origin=ResponseOrigin.INVITATION,
        score=score,
        language=language,
        customer=invitation.customer_external_id,
        invitation=invitation,
        **texts,
    )
    now = timezone.now()
    claimed = Invitation.objects.filter(
        pk=invitation.pk, used_at__isnull=True, expires_at__gt=now
    ).update(used_at=now)
    if not claimed:
        invitation.refresh_from_db()
        reason = LinkGone.USED if invitation.used_at else LinkGone.EXPIRED
        raise LinkGone(reason, survey, invitation.language)
    settings = feedback_settings_lock(survey.workspace_id)
    fatigue.check_answer(
        settings=settings,
        customer=invitation.customer_external_id,
        answered_at=response.created_at,
        field="__all__",
    )
    response.save()
    send_on_commit(Response, [response])
    announce_negative([response], "response")
    return response


@transaction.atomic
def response_create(
    *, actor: Actor, survey: Survey, idempotency_key: str | None = None, **fields
) -> tuple[Response, bool]:
    """One answer from an integrator. Returns (response, created); a known idempotency key
    returns the stored answer with ``created`` False."""
    require_role(actor, survey.workspace_id, Role.EDITOR)
    if idempotency_key:
        existing = Response.objects.filter(
            workspace_id=survey.workspace_id, idempotency_key=idempotency_key
        ).first()
        if existing is not None:
            return existing, False
    response = _build(survey, origin=ResponseOrigin.API, idempotency_key=idempotency_key, **fields)
    settings = feedback_settings_lock(survey.workspace_id)
    fatigue.check_answer(
        settings=settings, customer=response.customer_external_id, answered_at=response.created_at
    )
    try:
        with transaction.atomic():
            response.save()
            announce_negative([response], "response")
    except IntegrityError:
        existing = Response.objects.filter(
            workspace_id=survey.workspace_id, idempotency_key=idempotency_key
        ).first()
        if idempotency_key and existing is not None:
            return existing, False
        raise
    send_on_commit(Response, [response])
    return response, True


@transaction.atomic
def responses_create_bulk(*, actor: Actor, workspace, rows: list[dict]) -> dict[str, int]:
    """Many answers at once: all valid or nothing stored (BulkValidationError lists the bad rows
    by index). Each row: ``survey`` (a Survey of ``workspace``) plus the fields of
    ``response_create``. Rows whose idempotency key is already stored, or repeated in the call,
    count as duplicates."""
    require_role(actor, workspace.pk, Role.EDITOR)
    if len(rows) > MAX_BULK:
        raise ValidationError(
            {"non_field_errors": [_("At most %(n)d rows per call.") % {"n": MAX_BULK}]}
        )
    settings = feedback_settings_lock(workspace.pk)
    keys = {row.get("idempotency_key") for row in rows if row.get("idempotency_key")}
    stored_keys = set(
        Response.objects.filter(workspace=workspace, idempotency_key__in=keys).values_list(
            "idempotency_key", flat=True
        )
    )
    errors: dict[int, dict] = {}
    built: list[tuple[int, Response]] = []
    duplicates = 0
    for index, row in enumerate(rows):
        row = dict(row)
        survey = row.pop("survey")
        key = row.get("idempotency_key")
        if key and key in stored_keys:
            duplicates += 1
            continue
        if survey.workspace_id != workspace.pk:
            errors[index] = {"survey": [_("The survey belongs to another workspace.")]}
            continue
        try:
            built.append((index, _build(survey, origin=ResponseOrigin.API, **row)))
        except ValidationError as exc:
            errors[index] = exc.message_dict
            continue
        if key:
            stored_keys.add(key)
    errors.update(_fatigue_errors(settings, built))
    if errors:
        raise BulkValidationError(dict(sorted(errors.items())))
    stored = Response.objects.bulk_create([response for _, response in built])
    send_on_commit(Response, stored)
    announce_negative(stored, "response")
    return {"created": len(built), "duplicates": duplicates}


def _fatigue_errors(settings, built: list[tuple[int, Response]]) -> dict[int, dict]:
    """Fatigue clashes of the batch against stored answers and within the batch itself."""
    with_customer = [(i, r) for i, r in built if r.customer_external_id]
    if not settings.fatigue_days or not with_customer:
        return {}
    window = datetime.timedelta(days=settings.fatigue_days)
    moments = [r.created_at for _, r in with_customer]
    times: dict[str, list] = defaultdict(list)
    stored = Response.objects.filter(
        workspace_id=settings.workspace_id,
        customer_external_id__in={r.customer_external_id for _, r in with_customer},
        created_at__gt=min(moments) - window,
        created_at__lt=max(moments) + window,
    ).values_list("customer_external_id", "created_at")
    for customer, at in stored:
        times[customer].append(at)
    message = _("This customer already answered a survey in the last %(days)d days (fatigue rule).")
    errors = {}
    for index, response in with_customer:
        customer = response.customer_external_id
        if any(abs(response.created_at - at) < window for at in times[customer]):
            errors[index] = {"customer": [message % {"days": settings.fatigue_days}]}
        times[customer].append(response.created_at)
    return errors


@transaction.atomic
def response_delete(*, actor: Actor, response: Response) -> None:
    require_role(actor, response.workspace_id, Role.EDITOR)
    response.delete()
