"""The common ground of the feedback API views, on top of the project's ``cjm.core.api``.

- Authentication, pagination, the JSON parser (size limit, no NUL), throttling and the
  exception handler come from the REST_FRAMEWORK settings (``cjm.core.api``).
- A bulk call's errors come back by row index: ``{"detail", "rows": {"3": {"score": [...]}}}``.
- Querysets come from the feedback selectors, scoped to the caller's workspaces, so an object of
  another workspace is a 404. Writes check the role first (403 for a viewer), then the services
  check it again.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse
from rest_framework import status
from rest_framework.response import Response

from cjm.core.api.exceptions import exception_handler, validation_error_detail
from cjm.core.api.schema import list_errors, read_errors, write_errors
from cjm.core.permissions import require_role
from cjm.core.roles import Role
from feedback.services import BulkValidationError


def feedback_exception_handler(exc, context):
    if isinstance(exc, BulkValidationError):
        rows = {
            str(index): validation_error_detail(DjangoValidationError(errors)) if errors else {}
            for index, errors in exc.rows.items()
        }
        return Response(
            {"detail": exc.messages[0], "rows": rows}, status=status.HTTP_400_BAD_REQUEST
        )
    return exception_handler(exc, context)


class FeedbackAPIMixin:
    lookup_value_regex = "[0-9]+"

    def get_exception_handler(self):
        return feedback_exception_handler

    def require_editor(self, workspace_id: int) -> None:
        """403 for a viewer before the body is even read (404 for a non-member)."""
        require_role(self.request.user, workspace_id, Role.EDITOR)


READ_ERRORS = read_errors()
LIST_ERRORS = list_errors()
WRITE_ERRORS = write_errors()
ERROR_400 = LIST_ERRORS[400]
BULK_400 = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description=(
        'Nothing was stored: `{"detail", "rows": {"<index>": {"field": ["message"]}}}` lists the '
        'invalid rows by their 0-based index; or `{"field": ["message"]}` for the body itself.'
    ),
)
