"""Stages, touchpoints, channels and segments named in an imported file, turned into ids.

People write names, not ids: a file may name the stage ("Delivery"), the touchpoint ("Courier
hand-over", looked up among the stage's touchpoints), the channel and the segment, compared
without case and surrounding spaces. An optional ``journey`` column (title or id) narrows the
stage names to one map; without it a stage name must be unique in the workspace. A value that is
an id of the workspace is taken as an id, as before. A row with no stage but an ``event`` column
is placed by the workspace's event mapping rules, like a track call (the rule's stage, touchpoint
and channel fill the row's empty ones). An unknown or ambiguous name is an error of that row that
quotes the value.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _

from cjm.funnels.models import EventMappingRule
from cjm.models import Journey, Stage
from personas.models import Segment
from touchpoints.models import Channel, Touchpoint

from .mapping import RuleBook
from .rows import RowError, WorkspaceRefs


def name_key(value) -> str:
    return " ".join(str(value).split()).casefold()


def _index(pairs) -> dict:
    found: defaultdict = defaultdict(list)
    for key, pk in pairs:
        found[key].append(pk)
    return dict(found)


def _as_id(value, known) -> int | None:
    """``value`` as an id of ``known`` (an int, or a string of digits), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        text = value.strip()
        if not (text.isascii() and text.isdigit()) or len(text) > 18:
            return None
        value = int(text)
    return value if isinstance(value, int) and value in known else None


def _digits(value) -> bool:
    """An id-looking value (the general checks report an id of nothing in the workspace)."""
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit())


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


@dataclass
class NameIndex:
    journeys: dict  # key -> [journey id]
    journey_ids: set
    stages: dict  # (journey id or None for any, key) -> [stage id]
    stage_names: dict  # stage id -> name
    touchpoints: dict  # (stage id, key) -> [touchpoint id]
    channels: dict  # key -> [channel id]
    segments: dict  # key -> [segment id]
    rules: RuleBook

    @classmethod
    def load(cls, workspace_id: int) -> "NameIndex":
        journeys = list(
            Journey.objects.filter(workspace_id=workspace_id).values_list("pk", "title")
        )
        stages = list(
            Stage.objects.filter(journey__workspace_id=workspace_id).values_list(
                "pk", "journey_id", "name"
            )
        )
        stage_index = _index(((journey, name_key(name)), pk) for pk, journey, name in stages)
        for (_journey, key), pks in list(stage_index.items()):
            stage_index.setdefault((None, key), []).extend(pks)
        return cls(
            journeys=_index((name_key(title), pk) for pk, title in journeys),
            journey_ids={pk for pk, _title in journeys},
            stages=stage_index,
            stage_names={pk: name for pk, _journey, name in stages},
            touchpoints=_index(
                ((stage, name_key(name)), pk)
                for pk, stage, name in Touchpoint.objects.filter(
                    stage__journey__workspace_id=workspace_id
                ).values_list("pk", "stage_id", "name")
            ),
            channels=_index(
                (name_key(name), pk)
                for pk, name in Channel.objects.filter(workspace_id=workspace_id).values_list(
                    "pk", "name"
                )
            ),
            segments=_index(
                (name_key(name), pk)
                for pk, name in Segment.objects.filter(workspace_id=workspace_id).values_list(
                    "pk", "name"
                )
            ),
            rules=RuleBook(EventMappingRule.objects.filter(workspace_id=workspace_id)),
        )

    def resolve(self, row, refs: WorkspaceRefs):
        """``row`` with names turned into ids (a new dict; unchanged when nothing is a name);
        RowError naming the values that match nothing or more than one thing."""
        if not isinstance(row, dict):
            return row
        row, errors = dict(row), {}
        journey = self._journey(row.get("journey"), errors)
        if _blank(row.get("stage")) and not _blank(row.get("event")):
            self._by_rule(row, errors)
        stage = self._stage(row, journey, refs, errors)
        self._touchpoint(row, stage, refs, errors)
        self._simple(row, "channel", refs.channels, self.channels, errors)
        self._simple(row, "segment", refs.segments, self.segments, errors)
        if errors:
            raise RowError(errors)
        return row

    def _journey(self, value, errors) -> int | None:
        if _blank(value):
            return None
        pk = _as_id(value, self.journey_ids)
        if pk is not None:
            return pk
        found = self.journeys.get(name_key(value), [])
        if len(found) == 1:
            return found[0]
        errors["journey"] = [
            _('No journey is titled "%(name)s".') % {"name": value}
            if not found
            else _('Several journeys are titled "%(name)s": use the journey id.') % {"name": value}
        ]
        return None

    def _by_rule(self, row: dict, errors: dict) -> None:
        properties = row.get("properties")
        rule = self.rules.match(
            str(row["event"]).strip(), properties if isinstance(properties, dict) else {}
        )
        if rule is None:
            errors["event"] = [
                _('No event mapping rule matches the event "%(name)s".') % {"name": row["event"]}
            ]
            return
        row["stage"] = rule.stage_id
        if _blank(row.get("touchpoint")) and rule.touchpoint_id:
            row["touchpoint"] = rule.touchpoint_id
        if _blank(row.get("channel")) and rule.channel_id:
            row["channel"] = rule.channel_id

    def _stage(self, row: dict, journey, refs: WorkspaceRefs, errors: dict) -> int | None:
        value = row.get("stage")
        if _blank(value) or "journey" in errors:
            return None
        pk = _as_id(value, refs.stages)
        if pk is not None:
            return pk
        found = self.stages.get((journey, name_key(value)), [])
        if len(found) == 1:
            row["stage"] = found[0]
            return found[0]
        if not found and _digits(value):
            return None  # an id of no stage here: the general checks say so
        if not found:
            message = _('No stage named "%(name)s" in this workspace.')
            if journey is not None:
                message = _('No stage named "%(name)s" in this journey.')
        else:
            message = _(
                'Several stages are named "%(name)s": add a journey column (the map\'s title) '
                "or use the stage id."
            )
        errors["stage"] = [message % {"name": value}]
        return None

    def _touchpoint(self, row: dict, stage, refs: WorkspaceRefs, errors: dict) -> None:
        value = row.get("touchpoint")
        if _blank(value) or _as_id(value, refs.touchpoints) is not None:
            return
        if stage is None:  # no stage, or one the checks of the stage report
            if _blank(row.get("stage")) and not errors:
                errors["touchpoint"] = [_("Name the stage of the touchpoint.")]
            return
        found = self.touchpoints.get((stage, name_key(value)), [])
        if len(found) == 1:
            row["touchpoint"] = found[0]
            return
        if not found and _digits(value):
            return  # an id of no touchpoint here: the general checks say so
        values = {"name": value, "stage": self.stage_names.get(stage, "")}
        errors["touchpoint"] = [
            _('No touchpoint named "%(name)s" at the stage "%(stage)s".') % values
            if not found
            else _('Several touchpoints are named "%(name)s" at the stage "%(stage)s": use the id.')
            % values
        ]

    def _simple(self, row: dict, field: str, known, index: dict, errors: dict) -> None:
        value = row.get(field)
        if _blank(value) or _as_id(value, known) is not None:
            return
        found = index.get(name_key(value), [])
        if len(found) == 1:
            row[field] = found[0]
            return
        if not found and _digits(value):
            return  # an id of nothing here: the general checks say so
        messages = {
            "channel": (
                _('No channel named "%(name)s".'),
                _('Several channels are named "%(name)s": use the id.'),
            ),
            "segment": (
                _('No segment named "%(name)s".'),
                _('Several segments are named "%(name)s": use the id.'),
            ),
        }[field]
        errors[field] = [(messages[1] if found else messages[0]) % {"name": value}]
