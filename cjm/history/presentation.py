"""The audit log in plain language: a line per record ("Anna changed the rating of “Courier
call” from so-so to awful"), each field's label and values as people read them, and a link to
the object. Values that are ids (a channel, an owner) are named with one query per kind of row
on the page, whatever the number of lines."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.db.models import Model
from django.urls import NoReverseMatch, reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cjm.core import changes
from cjm.core.display import display_name
from cjm.core.tenancy import Membership, Team, Workspace
from cjm.history.models import ChangeRecord
from cjm.history.services import restorable
from cjm.models import Journey, Lane, LaneCell, Stage
from personas.models import Persona, Segment
from touchpoints.models import Channel, Comment, ImprovementAction, Touchpoint

MODELS: dict[str, type[Model]] = {
    "journey": Journey,
    "stage": Stage,
    "lane": Lane,
    "cell": LaneCell,
    "touchpoint": Touchpoint,
    "action": ImprovementAction,
    "comment": Comment,
    "persona": Persona,
    "segment": Segment,
    "channel": Channel,
    "team": Team,
    "workspace": Workspace,
    "member": Membership,
}

TYPE_LABELS = {
    "journey": gettext_lazy("map"),
    "stage": gettext_lazy("stage"),
    "lane": gettext_lazy("lane"),
    "cell": gettext_lazy("cell"),
    "touchpoint": gettext_lazy("touchpoint"),
    "action": gettext_lazy("action"),
    "comment": gettext_lazy("comment"),
    "persona": gettext_lazy("persona"),
    "segment": gettext_lazy("segment"),
    "channel": gettext_lazy("channel"),
    "team": gettext_lazy("team"),
    "workspace": gettext_lazy("workspace"),
    "member": gettext_lazy("member"),
    "funnel_report": gettext_lazy("funnel report"),
    "feedback": gettext_lazy("feedback figures"),
    "snapshot": gettext_lazy("snapshot"),
}

# Object types of other slices, named by app label (the history imports no feature's models):
# their fields' labels and choices read like the others'.
LABELLED_MODELS = {
    "funnel_report": ("cjm", "FunnelReport"),
    "snapshot": ("cjm_snapshots", "Snapshot"),
}


def model_of(object_type: str) -> type[Model] | None:
    model = MODELS.get(object_type)
    if model is None and object_type in LABELLED_MODELS:
        try:
            model = django_apps.get_model(*LABELLED_MODELS[object_type])
        except LookupError:
            return None
    return model


# Where a change came from, as the end of a sentence ("... · via API").
SOURCE_PHRASES = {
    changes.UI: gettext_lazy("in the browser"),
    changes.API: gettext_lazy("via API"),
    changes.ADMIN: gettext_lazy("in the admin"),
    changes.SYSTEM: gettext_lazy("by the system"),
}

TEXT_LIMIT = 80


def type_label(object_type: str) -> str:
    return str(TYPE_LABELS.get(object_type, object_type))


def type_choices() -> list[tuple[str, str]]:
    return [(name, type_label(name).capitalize()) for name in changes.OBJECT_TYPES]


@dataclass
class FieldLine:
    name: str
    label: str
    old: str
    new: str
    restorable: bool


@dataclass
class Line:
    record: ChangeRecord
    actor_name: str
    sentence: str
    type_label: str
    url: str
    source_phrase: str = ""
    history_url: str = ""
    fields: list[FieldLine] = field(default_factory=list)


def _model_field(model, name: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except Exception:  # noqa: BLE001  (a field the model no longer has, or none)
        return None


def field_label(object_type: str, name: str) -> str:
    model_field = _model_field(model_of(object_type), name)
    label = getattr(model_field, "verbose_name", None) or name.replace("_", " ")
    return str(label)


class _Names:
    """Names of the rows that recorded values point at, read in one query per model."""

    def __init__(self, records: list[ChangeRecord]):
        wanted: dict[type[Model], set[int]] = defaultdict(set)
        for record in records:
            model = model_of(record.object_type)
            for name, values in (record.fields or {}).items():
                model_field = _model_field(model, name)
                if model_field is None or not model_field.is_relation:
                    continue
                related = model_field.related_model
                for value in (values or {}).values() if isinstance(values, dict) else ():
                    for item in value if isinstance(value, list) else [value]:
                        if isinstance(item, int):
                            wanted[related].add(item)
        self.names: dict[type[Model], dict[int, str]] = {}
        user_model = get_user_model()
        for model, ids in wanted.items():
            rows = model._default_manager.in_bulk(sorted(ids))
            self.names[model] = {
                pk: display_name(row) if model is user_model else str(row)
                for pk, row in rows.items()
            }

    def name(self, model, pk) -> str:
        return self.names.get(model, {}).get(pk) or _("#%(id)s (deleted)") % {"id": pk}


def _value_text(object_type: str, name: str, value, names: _Names) -> str:
    if value is None or value == "" or value == []:
        return _("empty")
    model_field = _model_field(model_of(object_type), name)
    if model_field is not None and model_field.is_relation:
        items = value if isinstance(value, list) else [value]
        return ", ".join(names.name(model_field.related_model, item) for item in items)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    choices = getattr(model_field, "flatchoices", None) if model_field is not None else None
    if choices:
        shown = dict(choices).get(value)
        if shown is not None:
            return str(shown)
    if isinstance(value, dict | list):
        value = ", ".join(str(item) for item in value) if isinstance(value, list) else str(value)
    return Truncator(str(value)).chars(TEXT_LIMIT)


def object_url(record: ChangeRecord) -> str:
    """Where to see the object now ("" when it is gone or has no page)."""
    if record.verb == changes.DELETED:
        return ""
    try:
        if record.object_type == "touchpoint":
            return reverse("touchpoints:touchpoint_detail", args=[record.object_id])
        if record.object_type == "journey":
            return reverse("cjm:journey_detail", args=[record.object_id])
        if record.object_type == "persona":
            return reverse("personas:persona_detail", args=[record.object_id])
        if record.object_type == "segment":
            return reverse("personas:segment_list", args=[record.workspace_id])
        if record.journey_id:
            return reverse("cjm:journey_detail", args=[record.journey_id])
    except NoReverseMatch:
        return ""
    return ""


def history_url(record: ChangeRecord) -> str:
    """The object's own history page (every object that has an id)."""
    if record.object_id is None or record.object_type in ("feedback", "workspace"):
        return ""
    return reverse("cjm:object_history", args=[record.object_type, record.object_id])


def _sentence(record: ChangeRecord, actor: str, kind: str, fields: list[FieldLine]) -> str:
    what = {"actor": actor, "type": kind, "name": record.object_repr or f"#{record.object_id}"}
    if record.verb == changes.CREATED:
        return _("%(actor)s added the %(type)s “%(name)s”") % what
    if record.verb == changes.DELETED:
        return _("%(actor)s deleted the %(type)s “%(name)s”") % what
    if len(fields) == 1:
        only = fields[0]
        return _("%(actor)s changed the %(field)s of “%(name)s” from %(old)s to %(new)s") % {
            **what,
            "field": only.label.lower(),
            "old": only.old,
            "new": only.new,
        }
    return _("%(actor)s changed the %(type)s “%(name)s”") % what


def lines_for(records, *, can_restore: bool = False) -> list[Line]:
    """The plain-language lines of ``records`` (a page of them)."""
    records = list(records)
    names = _Names(records)
    lines = []
    for record in records:
        fields = []
        if record.verb == changes.UPDATED:
            for name, values in sorted((record.fields or {}).items()):
                values = values if isinstance(values, dict) else {"new": values}
                fields.append(
                    FieldLine(
                        name=name,
                        label=field_label(record.object_type, name),
                        old=_value_text(record.object_type, name, values.get("old"), names),
                        new=_value_text(record.object_type, name, values.get("new"), names),
                        restorable=can_restore and restorable(record, name),
                    )
                )
        actor = display_name(record.actor) if record.actor_id else _("System")
        kind = type_label(record.object_type)
        lines.append(
            Line(
                record=record,
                actor_name=actor,
                sentence=_sentence(record, actor, kind, fields),
                type_label=kind,
                url=object_url(record),
                source_phrase=str(SOURCE_PHRASES.get(record.source, record.source)),
                history_url=history_url(record),
                fields=fields,
            )
        )
    return lines
