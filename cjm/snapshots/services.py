"""Writes of snapshots: create (editors and admins) and delete (recorded). A snapshot is never
updated: there is no service for it, the admin shows it read-only and the API has no PUT."""

from django.db import transaction
from django.utils import formats, timezone

from cjm.core import changes
from cjm.core.permissions import require_role
from cjm.core.roles import Role
from cjm.models import Journey

from .models import Snapshot
from .selectors import journey_freeze


@transaction.atomic
def snapshot_create(*, actor, journey: Journey, name: str = "") -> Snapshot:
    """Freeze the map of ``journey`` as it is now (``journey_freeze``) under ``name`` (the
    date and time when blank). Editors and admins; ``actor`` is a user (whose reading rights
    the frozen map is read with). Recorded without naming the map: its revision stays."""
    require_role(actor, journey.workspace_id, Role.EDITOR)
    snapshot = Snapshot(journey=journey, created_by=actor, name=(name or "").strip())
    if not snapshot.name:
        snapshot.name = default_name(snapshot)
    snapshot.data = journey_freeze(user=actor, journey_id=journey.pk)
    snapshot.full_clean()
    snapshot.save()
    changes.record_object(
        actor,
        snapshot,
        changes.CREATED,
        workspace_id=journey.workspace_id,
        journey_ids=[],
        fields={
            "name": {"old": None, "new": snapshot.name},
            "journey": {"old": None, "new": journey.pk},
        },
    )
    return snapshot


def default_name(snapshot: Snapshot) -> str:
    """A blank name becomes the moment it was taken, in the active language's format."""
    return formats.date_format(timezone.localtime(snapshot.created_at), "DATETIME_FORMAT")


@transaction.atomic
def snapshot_delete(*, actor, snapshot: Snapshot) -> None:
    """Delete a snapshot for good (editors and admins), recorded."""
    journey = snapshot.journey
    require_role(actor, journey.workspace_id, Role.EDITOR)
    pk, name = snapshot.pk, snapshot.name
    snapshot.delete()
    changes.record(
        actor=actor,
        object_type="snapshot",
        object_id=pk,
        verb=changes.DELETED,
        workspace_id=journey.workspace_id,
        journey_ids=[],
        object_repr=name,
    )
