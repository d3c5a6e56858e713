"""Writes of personal invitation links, with the fatigue rule."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cjm.core.permissions import require_role
from cjm.core.roles import Role
from cjm.core.typing import Actor
from feedback.choices import Language
from feedback.models import Invitation, Survey
from feedback.services import fatigue
from feedback.services.common import reject_nul
from feedback.services.settings import feedback_settings_lock

MAX_INVITATIONS_PER_CALL = 1000


@dataclass
class InvitationBatch:
    created: list[Invitation] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (customer id, reason)


@transaction.atomic
def invitations_create(
    *, actor: Actor, survey: Survey, customers: list[str], language: str | None = None
) -> InvitationBatch:
    """One single-use link per customer id. Customers asked within the fatigue window, and
    repeated ids, are skipped with a reason rather than failing the whole batch."""
    require_role(actor, survey.workspace_id, Role.EDITOR)
    language = language or survey.default_language
    if language not in Language.values:
        raise ValidationError({"language": [_("Choose Russian or English.")]})
    if not survey.is_open():
        raise ValidationError({"survey": [_("The survey is not open: activate it first.")]})
    cleaned = [c.strip() for c in customers if c and c.strip()]
    if not cleaned:
        raise ValidationError({"customers": [_("Give at least one customer id.")]})
    if len(cleaned) > MAX_INVITATIONS_PER_CALL:
        raise ValidationError(
            {"customers": [_("At most %(n)d customers at once.") % {"n": MAX_INVITATIONS_PER_CALL}]}
        )
    for customer in cleaned:
        reject_nul(customers=customer)
        if len(customer) > 200:
            raise ValidationError({"customers": [_("A customer id is at most 200 characters.")]})
    settings = feedback_settings_lock(survey.workspace_id)
    now = timezone.now()
    expires = now + datetime.timedelta(days=survey.invitation_valid_days or 14)
    batch = InvitationBatch()
    seen: set[str] = set()
    for customer in cleaned:
        if customer in seen:
            batch.skipped.append((customer, _("listed twice")))
            continue
        seen.add(customer)
        if fatigue.recently_asked(settings=settings, customer=customer, now=now):
            batch.skipped.append(
                (
                    customer,
                    _("asked within the last %(days)d days (fatigue rule)")
                    % {"days": settings.fatigue_days},
                )
            )
            continue
        batch.created.append(
            Invitation.objects.create(
                survey=survey,
                workspace_id=survey.workspace_id,
                customer_external_id=customer,
                language=language,
                expires_at=expires,
                created_by=actor,
            )
        )
    return batch
