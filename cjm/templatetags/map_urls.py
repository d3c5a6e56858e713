"""``{% map_url "app:name" pk ... %}``: ``{% url %}`` for the map's many links, fast.

A map of 12 stages and 120 touchpoints draws well over a thousand links (menus on every card,
stage and lane). ``reverse()`` costs tens of microseconds each; here each URL name is reversed once
(per script prefix) with placeholder ids, and the real ids are put in by string joining.
Only for URLs whose arguments are integers (primary keys), given positionally in path order.
"""

import functools

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()

PLACEHOLDER = 987654321


@functools.lru_cache(maxsize=256)
def _pieces(name: str, arity: int, prefix: str) -> tuple[str, ...]:
    url = reverse(name, args=[PLACEHOLDER + index for index in range(arity)])
    pieces, rest = [], url
    for index in range(arity):
        before, found, rest = rest.partition(str(PLACEHOLDER + index))
        if not found:
            raise ValueError(f"cannot build {name} from placeholders")
        pieces.append(before)
    pieces.append(rest)
    return tuple(pieces)


def map_url_for(name: str, *args) -> str:
    pieces = _pieces(name, len(args), get_script_prefix())
    parts = [pieces[0]]
    for arg, piece in zip(args, pieces[1:], strict=True):
        parts.append(str(int(arg)))
        parts.append(piece)
    return "".join(parts)


@register.simple_tag
def map_url(name: str, *args) -> str:
    return map_url_for(name, *args)


def _card_texts() -> dict:
    return {
        "rating": _("Rating"),
        "change_rating": _("Change the rating"),
        "critical": _("Critical"),
        "critical_help": _("Customers stop, doubt or leave for a competitor here."),
        "move": _("Move"),
        "move_up": _("Move up"),
        "move_down": _("Move down"),
        "move_left": _("To the previous stage"),
        "move_right": _("To the next stage"),
        "owner": _("Owner"),
        "owner_team": _("Owner team"),
        "no_owner": _("No owner"),
        "no_owner_help": _("Nobody owns this touchpoint yet."),
        "open_actions": _("open improvement actions"),
        "overdue": _("overdue"),
        "actions_worked": _("done actions that worked (measured)"),
        "actions_did_not_work": _("done actions that did not work (measured)"),
    }


@functools.lru_cache(maxsize=16)
def _card_texts_in(language: str) -> dict:
    return _card_texts()


@register.simple_tag
def card_texts() -> dict:
    """The fixed words on a touchpoint card, translated once per language (a map draws hundreds
    of cards; each ``{% translate %}`` costs a catalogue lookup)."""
    return _card_texts_in(get_language() or "")
