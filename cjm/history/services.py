"""Writes of the audit log: "restore this value" (through the services of the object's own
slice, so the restore is checked, versioned and itself recorded) and the retention prune."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cjm import services as journey_services
from cjm.core import changes
from cjm.core.permissions import require_role
from cjm.core.roles import Role
from cjm.core.typing import Actor
from cjm.history.models import ChangeRecord
from cjm.models import Journey, Lane, LaneCell, Stage
from personas import services as persona_services
from personas.models import Persona, Segment
from touchpoints import services as touchpoint_services
from touchpoints.models import ImprovementAction, Touchpoint


@dataclass(frozen=True)
class Restorer:
    """How to restore a field of one object type: the model, the fields its update service
    accepts, and the call (``update(actor, instance, expected_version, **changes)``)."""

    model: Any
    fields: frozenset[str]
    update: Any


def _touchpoint(actor, instance, version, **values):
    return touchpoint_services.touchpoint_update(
        actor=actor, touchpoint=instance, expected_version=version, **values
    )


def _action(actor, instance, version, **values):
    return touchpoint_services.action_update(
        actor=actor, action=instance, expected_version=version, **values
    )


def _journey(actor, instance, version, **values):
    return journey_services.journey_update(
        actor=actor, journey=instance, expected_version=version, **values
    )


def _stage(actor, instance, version, **values):
    return journey_services.stage_update(
        actor=actor, stage=instance, expected_version=version, **values
    )


def _lane(actor, instance, version, **values):
    return journey_services.lane_update(
        actor=actor, lane=instance, expected_version=version, **values
    )


def _cell(actor, instance, version, **values):
    return journey_services.lane_cell_set(
        actor=actor, lane=instance.lane, stage=instance.stage, expected_version=version, **values
    )


def _persona(actor, instance, version, **values):
    return persona_services.persona_update(
        actor=actor, persona=instance, expected_version=version, **values
    )


def _segment(actor, instance, version, **values):
    return persona_services.segment_update(actor=actor, segment=instance, **values)


RESTORERS: dict[str, Restorer] = {
    "touchpoint": Restorer(
        Touchpoint, frozenset(touchpoint_services.TOUCHPOINT_FIELDS), _touchpoint
    ),
    "action": Restorer(ImprovementAction, frozenset(touchpoint_services.ACTION_FIELDS), _action),
    "journey": Restorer(Journey, frozenset(journey_services.JOURNEY_FIELDS), _journey),
    "stage": Restorer(Stage, frozenset(journey_services.STAGE_FIELDS), _stage),
    "lane": Restorer(Lane, frozenset(journey_services.LANE_FIELDS), _lane),
    "cell": Restorer(LaneCell, frozenset({"text", "emotion_score"}), _cell),
    "persona": Restorer(Persona, frozenset(persona_services.PERSONA_FIELDS), _persona),
    "segment": Restorer(Segment, frozenset(persona_services.SEGMENT_FIELDS), _segment),
}


def restorable(record: ChangeRecord, field: str) -> bool:
    """Whether "restore this value" is offered for ``field`` of ``record`` (positions, stage
    moves, comments and creations are not: only updates of fields an edit form could set)."""
    restorer = RESTORERS.get(record.object_type)
    return (
        restorer is not None
        and record.verb == changes.UPDATED
        and field in restorer.fields
        and isinstance(record.fields.get(field), dict)
        and "old" in record.fields[field]
    )


def _python_value(model, field: str, value):
    """The recorded JSON value as the service takes it: rows for ids, dates for ISO text."""
    model_field = model._meta.get_field(field)
    if model_field.many_to_many:
        related = model_field.related_model._default_manager.filter(pk__in=value or [])
        found = list(related)
        if len(found) != len(set(value or [])):
            raise ValidationError(
                {field: [_("Something this value named has been deleted since.")]}
            )
        return found
    if model_field.is_relation:
        if value is None:
            return None
        row = model_field.related_model._default_manager.filter(pk=value).first()
        if row is None:
            raise ValidationError(
                {field: [_("What this value named has been deleted since: it cannot come back.")]}
            )
        return row
    return model_field.to_python(value)


@transaction.atomic
def change_value_restore(
    *, actor: Actor, record: ChangeRecord, field: str, expected_version: int | None = None
):
    """Set ``field`` of the record's object back to the value it had before that change,
    through the object's own update service (role check, validation, version check, and a
    change record of its own). Raises ValidationError when it cannot be done."""
    require_role(actor, record.workspace_id, Role.EDITOR)
    if not restorable(record, field):
        raise ValidationError(_("This value cannot be restored (only edited fields can)."))
    restorer = RESTORERS[record.object_type]
    instance = restorer.model._default_manager.filter(pk=record.object_id).first()
    if instance is None:
        raise ValidationError(_("This object has been deleted: its values cannot be restored."))
    value = _python_value(restorer.model, field, record.fields[field]["old"])
    return restorer.update(actor, instance, expected_version, **{field: value})


def history_prune(*, now: datetime.datetime | None = None, days: int | None = None) -> int:
    """Delete change records older than ``CJM_HISTORY_DAYS`` (0: keep everything). Safe to run
    twice: the second run finds nothing. Returns how many records went."""
    days = settings.CJM_HISTORY_DAYS if days is None else days
    if days <= 0:
        return 0
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    deleted, _by_model = ChangeRecord.objects.filter(at__lt=cutoff).delete()
    return deleted
