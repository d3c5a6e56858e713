"""Reads for segments and personas, scoped to the user's workspaces."""

from django.db.models import QuerySet
from django.http import Http404

from cjm.core.scoping import member_workspace_ids
from cjm.core.tenancy import Workspace
from cjm.core.typing import Reader
from personas.models import Persona, Segment


def segment_list(*, user: Reader, workspace: Workspace | None = None) -> QuerySet[Segment]:
    qs = Segment.objects.filter(workspace_id__in=member_workspace_ids(user))
    if workspace is not None:
        qs = qs.filter(workspace=workspace)
    return qs.order_by("name", "id")


def persona_list(*, user: Reader, workspace: Workspace | None = None) -> QuerySet[Persona]:
    qs = Persona.objects.filter(workspace_id__in=member_workspace_ids(user))
    if workspace is not None:
        qs = qs.filter(workspace=workspace)
    return (
        qs.select_related("segment").prefetch_related("preferred_channels").order_by("name", "id")
    )


def persona_get(*, user: Reader, pk: int) -> Persona:
    persona = persona_list(user=user).filter(pk=pk).first()
    if persona is None:
        raise Http404("No such persona.")
    return persona
