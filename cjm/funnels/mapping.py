"""Track calls (``messageId, userId, event, timestamp, properties``) and their mapping rules."""

import json
from dataclasses import dataclass

from django.utils.translation import gettext as _

from cjm.funnels.models import EventMappingRule

from .rows import RowError, clean_properties, clean_text, clean_time


@dataclass(frozen=True, slots=True)
class TrackCall:
    message_id: str
    user_id: str
    event: str
    occurred_at: object
    properties: dict


def validate_track(message) -> TrackCall:
    if not isinstance(message, dict):
        raise RowError({"non_field_errors": [_("Each call must be a JSON object.")]})
    errors, clean = {}, {}
    for key, check in (
        ("messageId", clean_text),
        ("userId", clean_text),
        ("event", clean_text),
        ("timestamp", clean_time),
        ("properties", clean_properties),
    ):
        try:
            clean[key] = check(message.get(key))
        except ValueError as exc:
            errors[key] = [str(exc)]
    if errors:
        raise RowError(errors)
    return TrackCall(
        message_id=clean["messageId"],
        user_id=clean["userId"],
        event=clean["event"],
        occurred_at=clean["timestamp"],
        properties=clean["properties"],
    )


class RuleBook:
    """The workspace's rules, most specific first: property rules, then name-only rules."""

    def __init__(self, rules):
        self.by_event: dict[str, list] = {}
        ordered = sorted(rules, key=lambda rule: (not rule.property_name, rule.pk))
        for rule in ordered:
            self.by_event.setdefault(rule.event_name, []).append(rule)

    @classmethod
    def load(cls, workspace_id: int) -> "RuleBook":
        return cls(EventMappingRule.objects.filter(workspace_id=workspace_id))

    def match(self, event: str, properties: dict):
        for rule in self.by_event.get(event, ()):
            if not rule.property_name:
                return rule
            if rule.property_name in properties:
                value = properties[rule.property_name]
                text = value if isinstance(value, str) else json_text(value)
                if text == rule.property_value:
                    return rule
        return None


def json_text(value) -> str:
    """How a non-string property value compares with a rule's value: true, 3, 2.5, null."""
    return json.dumps(value)
