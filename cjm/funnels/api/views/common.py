"""Pieces shared by the events and funnels API views."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import renderers
from rest_framework.exceptions import ValidationError

from cjm.core.api.fields import MAX_ID
from cjm.core.api.schema import bulk_errors

WORKSPACE_PARAMETER = OpenApiParameter(
    name="workspace",
    type=OpenApiTypes.INT,
    location=OpenApiParameter.QUERY,
    required=False,
    description=(
        "The workspace to write to. Bulk: default, the workspace of the first event's stage "
        "(a stage determines its workspace; every event must then belong to it). Track: "
        "required unless you are a member of exactly one workspace."
    ),
)

ROWS_400 = bulk_errors(
    (
        "Nothing was stored. `rows` lists every bad event by its index in the array with its "
        'field errors; or `{"field": [...]}` / `{"detail": "..."}` for a body that is not an '
        "array of at most 10,000 objects."
    ),
)


def int_param(request, name: str, *, required: bool = False) -> int | None:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        if required:
            raise ValidationError({name: [_("This parameter is required.")]})
        return None
    if not raw.isdigit() or not 0 < int(raw) <= MAX_ID:
        raise ValidationError({name: [_("A whole number id.")]})
    return int(raw)


class CSVRenderer(renderers.BaseRenderer):
    """For endpoints that stream CSV themselves (the renderer only has to be negotiable)."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, str | bytes):
            return data
        return str(data).encode()
