"""Reads of the audit log: only the records of the reader's workspaces (viewers included)."""

from django.db.models import Model, Q, QuerySet
from django.http import Http404

from cjm.core.scoping import member_workspace_ids
from cjm.core.typing import Reader
from cjm.history.models import ChangeRecord
from cjm.models import LaneCell
from touchpoints.models import Comment, ImprovementAction


def change_list(*, user: Reader) -> QuerySet[ChangeRecord]:
    """Every record of the user's workspaces, newest first (filter with ChangeRecordFilterSet)."""
    return (
        ChangeRecord.objects.filter(workspace_id__in=member_workspace_ids(user))
        .select_related("actor")
        .order_by("-at", "-id")
    )


def change_get(*, user: Reader, pk: int) -> ChangeRecord:
    record = change_list(user=user).filter(pk=pk).first()
    if record is None:
        raise Http404("No such change.")
    return record


# Whose history includes the changes of what sits in it: (type, model, the field naming it).
CHILDREN: dict[str, list[tuple[str, type[Model], str]]] = {
    "touchpoint": [("action", ImprovementAction, "touchpoint"), ("comment", Comment, "touchpoint")],
    "stage": [("cell", LaneCell, "stage"), ("comment", Comment, "stage")],
    "lane": [("cell", LaneCell, "lane")],
}


def object_change_list(
    *, user: Reader, workspace_id: int, object_type: str, object_id: int
) -> QuerySet[ChangeRecord]:
    """The history of one object, newest first. A touchpoint's includes its actions' and
    comments' changes, a stage's its cells' and comments', a lane's its cells' (also of those
    deleted since, found by their creation record)."""
    records = change_list(user=user).filter(workspace_id=workspace_id)
    condition = Q(object_type=object_type, object_id=object_id)
    for child_type, model, parent in CHILDREN.get(object_type, []):
        living = model._default_manager.filter(**{f"{parent}_id": object_id}).values("pk")
        created_here = ChangeRecord.objects.filter(
            workspace_id=workspace_id,
            object_type=child_type,
            verb="created",
            **{f"fields__{parent}__new": object_id},
        ).values("object_id")
        condition |= Q(object_type=child_type) & (
            Q(object_id__in=living) | Q(object_id__in=created_here)
        )
    return records.filter(condition)


def object_workspace_id(*, user: Reader, object_type: str, object_id: int) -> int:
    """The workspace of an object that has a history the user may read (deleted ones too)."""
    workspace_id = (
        change_list(user=user)
        .filter(object_type=object_type, object_id=object_id)
        .values_list("workspace_id", flat=True)
        .first()
    )
    if workspace_id is None:
        raise Http404("No history.")
    return workspace_id
