"""The kinds of notification, their defaults and their texts (rendered in the reader's language).

A notification stores its kind and ``params`` (names and titles as they were); the text is made
when it is shown or mailed, under the recipient's language, so one row reads well in both.
"""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    ACTION_ASSIGNED = "action_assigned", _("Action assigned to me")
    ACTION_DUE_SOON = "action_due_soon", _("My action is due soon")
    ACTION_OVERDUE = "action_overdue", _("My action is overdue")
    TOUCHPOINT_RATED_AWFUL = "touchpoint_rated_awful", _("A touchpoint I own is rated awful")
    NEGATIVE_FEEDBACK = "negative_feedback", _("Negative feedback on a touchpoint I own")
    MENTIONED = "mentioned", _("Someone mentioned me")
    INVITATION_ACCEPTED = "invitation_accepted", _("My invitation was accepted")


# Defaults when the user has not chosen: in the app every kind; by e-mail at once these.
EMAIL_BY_DEFAULT = frozenset({Kind.ACTION_ASSIGNED, Kind.ACTION_OVERDUE, Kind.MENTIONED})


def _texts() -> dict[str, str]:
    # Called under the recipient's language: gettext, not gettext_lazy.
    return {
        Kind.ACTION_ASSIGNED: gettext('%(actor)s assigned you the action "%(title)s"'),
        Kind.ACTION_DUE_SOON: gettext('Your action "%(title)s" is due on %(due_date)s'),
        Kind.ACTION_OVERDUE: gettext('Your action "%(title)s" is overdue (due %(due_date)s)'),
        Kind.TOUCHPOINT_RATED_AWFUL: gettext(
            '%(actor)s rated the touchpoint "%(touchpoint)s" awful'
        ),
        Kind.NEGATIVE_FEEDBACK: gettext('Negative feedback on "%(touchpoint)s": %(summary)s'),
        Kind.MENTIONED: gettext('%(actor)s mentioned you in a comment on "%(target)s"'),
        Kind.INVITATION_ACCEPTED: gettext('%(actor)s accepted your invitation to "%(workspace)s"'),
    }


class _Params(dict):
    """Missing parameters read as empty rather than failing the whole page."""

    def __missing__(self, key):
        return ""


def render_text(kind: str, params: dict) -> str:
    template = _texts().get(kind)
    if template is None:
        return str(kind)
    values = _Params(params or {})
    if not values.get("actor"):
        values["actor"] = gettext("Someone")
    return template % values
