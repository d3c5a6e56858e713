"""The fatigue rule (seed 002): ask the same customer at most once per N days.

Three calls to the contact centre in a day must not mean three surveys. The rule is checked
when an invitation is created (no invitation and no answer from that customer in the last N
days, in any survey of the workspace) and again when an answer arrives (no other answer from the
customer within N days of it).
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from feedback.models import FeedbackSettings, Invitation, Response


def _window(settings: FeedbackSettings) -> datetime.timedelta | None:
    return datetime.timedelta(days=settings.fatigue_days) if settings.fatigue_days else None


def recently_asked(*, settings: FeedbackSettings, customer: str, now: datetime.datetime) -> bool:
    """Was ``customer`` invited or did they answer within the fatigue window before ``now``?"""
    window = _window(settings)
    if window is None or not customer:
        return False
    since = now - window
    workspace_id = settings.workspace_id
    invited = Invitation.objects.filter(
        workspace_id=workspace_id, customer_external_id=customer, created_at__gt=since
    ).exists()
    return (
        invited
        or Response.objects.filter(
            workspace_id=workspace_id, customer_external_id=customer, created_at__gt=since
        ).exists()
    )


def check_answer(
    *,
    settings: FeedbackSettings,
    customer: str,
    answered_at: datetime.datetime,
    field: str = "customer",
) -> None:
    """Raise a ValidationError if ``customer`` has another answer within the window."""
    window = _window(settings)
    if window is None or not customer:
        return
    clash = Response.objects.filter(
        workspace_id=settings.workspace_id,
        customer_external_id=customer,
        created_at__gt=answered_at - window,
        created_at__lt=answered_at + window,
    ).exists()
    if clash:
        raise ValidationError(
            {
                field: [
                    _(
                        "This customer already answered a survey in the last %(days)d days "
                        "(fatigue rule)."
                    )
                    % {"days": settings.fatigue_days}
                ]
            },
            code="fatigue",
        )
