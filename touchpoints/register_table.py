"""The touchpoint register as a table of rows: its columns and one row per touchpoint, shared by
the register's CSV (touchpoints/views/register.py) and its XLSX (cjm/exchange/views.py). Every
text is guarded against spreadsheet formulas. The touchpoints come from the register's query
(open actions, overdue flag and next due date annotated)."""

from django.utils.translation import gettext as _

from cjm.core.display import display_name
from cjm.core.spreadsheets import safe_cell

REGISTER_COLUMNS = [
    ("journey", lambda: _("Journey")),
    ("stage", lambda: _("Stage")),
    ("name", lambda: _("Touchpoint")),
    ("channel", lambda: _("Channel")),
    ("category", lambda: _("Category")),
    ("rating", lambda: _("Rating")),
    ("importance", lambda: _("Importance")),
    ("critical", lambda: _("Critical")),
    ("owner", lambda: _("Owner")),
    ("team", lambda: _("Team")),
    ("open_actions", lambda: _("Open actions")),
    ("overdue", lambda: _("Overdue action")),
    ("next_due", lambda: _("Next due date")),
]


def register_header() -> list:
    """The column titles, in the active language."""
    return [safe_cell(label()) for _key, label in REGISTER_COLUMNS]


def register_row(touchpoint) -> list:
    """One touchpoint's cells, formula-looking texts neutralised."""
    return [safe_cell(value) for value in _values(touchpoint)]


def _values(touchpoint) -> list:
    owner = touchpoint.owner
    return [
        touchpoint.stage.journey.title,
        touchpoint.stage.name,
        touchpoint.name,
        touchpoint.channel.name if touchpoint.channel_id else "",
        touchpoint.get_category_display(),
        touchpoint.get_rating_display(),
        touchpoint.importance,
        _("yes") if touchpoint.is_critical else "",
        display_name(owner),
        touchpoint.team.name if touchpoint.team_id else "",
        touchpoint.open_action_count,
        _("yes") if touchpoint.has_overdue_action else "",
        touchpoint.next_due.isoformat() if touchpoint.next_due else "",
    ]
