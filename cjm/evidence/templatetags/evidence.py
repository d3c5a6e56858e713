"""Template filters of the evidence pages."""

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def percent(value) -> str:
    """0.4 -> "40%" (one decimal below 10%); None -> an em dash."""
    if value is None:
        return "—"
    share = value * 100
    digits = 1 if 0 < abs(share) < 10 else 0
    return f"{number_format(share, digits)}%"


@register.filter
def signed(value) -> str:
    """An NPS: +12, -5, 0; None -> an em dash."""
    if value is None:
        return "—"
    number = number_format(value, 0)
    return f"+{number}" if value > 0 else number
