"""Bulk-assign: give many touchpoints of one workspace an owner and/or an owner team at once
(the register's selected rows, or every row matching its filters)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from cjm.core.changes import UPDATED, record
from cjm.core.permissions import require_role
from cjm.core.roles import Role
from cjm.core.tenancy import Team, Workspace
from cjm.core.typing import Actor
from touchpoints.models import Touchpoint

KEEP = object()  # "leave this field as it is"
MAX_BULK = 5000


@transaction.atomic
def touchpoint_bulk_assign(
    *, actor: Actor, workspace: Workspace, touchpoint_ids, owner=KEEP, team=KEEP
) -> int:
    """Set ``owner`` (a member, or None to clear) and/or ``team`` (a team of the workspace, or
    None) on the touchpoints ``touchpoint_ids`` of ``workspace`` (ids elsewhere are ignored).
    One change is recorded per touchpoint that changed. Returns how many changed."""
    require_role(actor, workspace.pk, Role.EDITOR)
    if owner is KEEP and team is KEEP:
        raise ValidationError(_("Choose an owner or a team to assign."))
    if owner not in (KEEP, None) and not workspace.memberships.filter(user_id=owner.pk).exists():
        raise ValidationError({"owner": [_("The owner is not a member of this workspace.")]})
    if team not in (KEEP, None) and (
        not isinstance(team, Team) or team.workspace_id != workspace.pk
    ):
        raise ValidationError({"team": [_("The team belongs to another workspace.")]})
    rows = list(
        Touchpoint.objects.select_for_update(of=("self",))
        .filter(stage__journey__workspace=workspace, pk__in=touchpoint_ids)
        .values("pk", "name", "owner_id", "team_id", "stage__journey_id")
        .order_by("pk")[: MAX_BULK + 1]
    )
    if len(rows) > MAX_BULK:
        raise ValidationError(_("Select at most %(max)d touchpoints at once.") % {"max": MAX_BULK})
    new = {}
    if owner is not KEEP:
        new["owner_id"] = owner.pk if owner else None
    if team is not KEEP:
        new["team_id"] = team.pk if team else None
    changed = [row for row in rows if any(row[key] != value for key, value in new.items())]
    if not changed:
        return 0
    Touchpoint.objects.filter(pk__in=[row["pk"] for row in changed]).update(
        version=F("version") + 1, updated_at=timezone.now(), updated_by=actor, **new
    )
    for row in changed:
        fields = {
            key.removesuffix("_id"): {"old": row[key], "new": value}
            for key, value in new.items()
            if row[key] != value
        }
        record(
            actor=actor,
            object_type="touchpoint",
            object_id=row["pk"],
            verb=UPDATED,
            workspace_id=workspace.pk,
            journey_ids=[row["stage__journey_id"]],
            fields=fields,
            object_repr=row["name"],
        )
    return len(changed)
