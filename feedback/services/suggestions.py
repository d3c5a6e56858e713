"""One-click apply of a feedback-suggested rating, recorded in the rating history."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cjm.core.permissions import require_role
from cjm.core.roles import Role
from cjm.core.typing import Actor
from feedback.selectors.evidence import touchpoint_feedback
from touchpoints.models import Touchpoint
from touchpoints.services import touchpoint_update


def touchpoint_apply_suggested_rating(*, actor: Actor, touchpoint: Touchpoint) -> Touchpoint:
    """Set the touchpoint's rating to what its recent feedback suggests. Never silent: only on
    request, and the rating history notes the evidence."""
    workspace_id = touchpoint.stage.journey.workspace_id
    require_role(actor, workspace_id, Role.EDITOR)
    found = touchpoint_feedback(workspace_id=workspace_id, touchpoint_ids=[touchpoint.pk]).get(
        touchpoint.pk
    )
    if found is None or found.suggested_rating is None:
        raise ValidationError({"rating": [_("Not enough recent feedback to suggest a rating.")]})
    if found.suggested_rating == touchpoint.rating:
        raise ValidationError({"rating": [_("The rating already matches the feedback.")]})
    note = _(
        "Suggested by feedback: index %(index)s from %(answers)d answers and %(reviews)d reviews"
    ) % {
        "index": found.index,
        "answers": found.answers,
        "reviews": found.reviews,
    }
    return touchpoint_update(
        actor=actor, touchpoint=touchpoint, rating=found.suggested_rating, rating_note=note[:300]
    )
