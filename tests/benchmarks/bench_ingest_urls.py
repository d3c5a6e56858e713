"""URLs of bench_ingest_http.py: the project's, plus ``POST /bench/before/events/bulk/``, the bulk
endpoint as it worked before the JSON lane (commit c4a4711), for a comparison in the same run.

The same authentication, throttle, permissions, validation, writer and answers; only the three
steps the profile pointed at run as they did: the parser walks every string of the body, the
workspace lookup sends every row's stage id, and each row becomes an EventRecord that a second
pass renders for COPY. (Loads through it queue no maintenance job, as before.)
"""

from django.db import transaction
from django.urls import include, path
from rest_framework import status
from rest_framework.exceptions import ParseError
from rest_framework.response import Response
from rest_framework.views import APIView

from cjm.core.api.parsers import JSONParser, find_bad_string
from cjm.core.permissions import require_role
from cjm.core.roles import Role
from cjm.funnels.api.views.common import int_param
from cjm.funnels.api.views.events import BULK_BODY_LIMIT
from cjm.funnels.rows import RowError, WorkspaceRefs, clean_id, validate_row
from cjm.funnels.services.events import (
    EventRowsInvalid,
    IngestResult,
    _check_size,
    _single_workspace,
)
from cjm.funnels.store import store_events
from cjm.models import Stage


class WalkingJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        if find_bad_string(data):
            raise ParseError("Strings must not contain NUL characters or lone surrogates.")
        return data


def _workspace(actor, rows: list) -> int | None:
    stage_ids = []
    for row in rows:
        try:
            stage_ids.append(clean_id(row.get("stage"), required=True))
        except (ValueError, AttributeError):
            stage_ids.append(None)
    stages = Stage.objects.filter(pk__in=[s for s in stage_ids if s])
    stages = stages.filter(journey__workspace__memberships__user=actor)
    workspace_of = dict(stages.values_list("pk", "journey__workspace_id"))
    for stage_id in stage_ids:
        if stage_id in workspace_of:
            return workspace_of[stage_id]
    return _single_workspace(actor)


def bulk_ingest_before(*, actor, rows, workspace_id=None) -> IngestResult:
    rows = _check_size(rows)
    if not rows:
        return IngestResult()
    if workspace_id is not None:
        require_role(actor, workspace_id, Role.VIEWER)
    else:
        workspace_id = _workspace(actor, rows)
    if workspace_id is None:
        bad = [{"index": i, "errors": {"stage": ["No such stage."]}} for i in range(len(rows))]
        raise EventRowsInvalid(bad, len(rows))
    require_role(actor, workspace_id, Role.EDITOR)
    refs = WorkspaceRefs.load(workspace_id)
    records, bad = [], []
    for index, row in enumerate(rows):
        try:
            records.append(validate_row(row, refs))
        except RowError as exc:
            bad.append({"index": index, "errors": exc.errors})
    if bad:
        raise EventRowsInvalid(bad, len(rows))
    with transaction.atomic():
        created, duplicates = store_events(workspace_id, records)
    return IngestResult(created=created, duplicates=duplicates)


class BulkBefore(APIView):
    parser_classes = [WalkingJSONParser]
    max_body_size = BULK_BODY_LIMIT

    def post(self, request):
        # EventRowsInvalid: the API's exception handler answers 400 with the bad rows.
        result = bulk_ingest_before(
            actor=request.user, rows=request.data, workspace_id=int_param(request, "workspace")
        )
        body = {"created": result.created, "duplicates": result.duplicates}
        return Response(body, status=status.HTTP_201_CREATED)


urlpatterns = [
    path("bench/before/events/bulk/", BulkBefore.as_view()),
    path("", include("cjm.urls")),
]
