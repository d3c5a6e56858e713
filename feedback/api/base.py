"""The common ground of the feedback API views.

- Token authentication first, so a request without credentials is a 401 with
  ``WWW-Authenticate: Token`` (session authentication still serves the browser).
- Django ``ValidationError`` from the services becomes a 400 with field errors; a bulk call's
  errors come back by row index: ``{"detail", "rows": {"3": {"score": ["..."]}}}``.
- Querysets come from the feedback selectors, scoped to the caller's workspaces, so an object of
  another workspace is a 404. Writes check the role first (403 for a viewer), then the services
  check it again.
"""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, pagination, serializers, status
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import exception_handler

from cjm.choices import Role
from cjm.core.permissions import require_role
from feedback.services import BulkValidationError

API_AUTHENTICATION = [TokenAuthentication, SessionAuthentication]
API_PERMISSIONS = [IsAuthenticated]


class FeedbackPagination(pagination.PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


def _field_errors(exc: DjangoValidationError) -> dict:
    if hasattr(exc, "error_dict"):
        return {
            ("non_field_errors" if field == NON_FIELD_ERRORS else field): list(messages)
            for field, messages in exc.message_dict.items()
        }
    return {"non_field_errors": list(exc.messages)}


def feedback_exception_handler(exc, context):
    if isinstance(exc, BulkValidationError):
        rows = {
            str(index): (_field_errors(DjangoValidationError(errors)) if errors else {})
            for index, errors in exc.rows.items()
        }
        return Response(
            {"detail": exc.messages[0], "rows": rows}, status=status.HTTP_400_BAD_REQUEST
        )
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(_field_errors(exc))
    return exception_handler(exc, context)


class FeedbackAPIMixin:
    authentication_classes = API_AUTHENTICATION
    permission_classes = API_PERMISSIONS
    pagination_class = FeedbackPagination
    lookup_value_regex = "[0-9]+"

    def get_exception_handler(self):
        return feedback_exception_handler

    def require_editor(self, workspace_id: int) -> None:
        """403 for a viewer before the body is even read (404 for a non-member)."""
        require_role(self.request.user, workspace_id, Role.EDITOR)


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()


ERROR_400 = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description='Invalid input: `{"field": ["message", ...]}` or `{"detail": "..."}`.',
)
ERROR_401 = OpenApiResponse(DetailSerializer, description="No or invalid credentials.")
ERROR_403 = OpenApiResponse(DetailSerializer, description="Your role may not do this.")
ERROR_404 = OpenApiResponse(DetailSerializer, description="No such object in your workspaces.")

READ_ERRORS = {401: ERROR_401, 404: ERROR_404}
LIST_ERRORS = {400: ERROR_400, 401: ERROR_401, 404: ERROR_404}
WRITE_ERRORS = {400: ERROR_400, 401: ERROR_401, 403: ERROR_403, 404: ERROR_404}
BULK_400 = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description=(
        'Nothing was stored: `{"detail", "rows": {"<index>": {"field": ["message"]}}}` lists the '
        'invalid rows by their 0-based index; or `{"field": ["message"]}` for the body itself.'
    ),
)
