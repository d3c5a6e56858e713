"""The API's exception handler: every error is a 4xx with a JSON body, never a 500.

- ``RowsInvalid`` (a bulk write with bad rows; nothing stored) -> 400
  ``{"detail", "rows": [{"index", "errors"}]}``: the one bulk-error style of the whole API.
- ``django.core.exceptions.ValidationError`` (raised by services' ``full_clean``) -> 400 with
  field errors ``{"field": ["message", ...]}`` (errors without a field under ``non_field_errors``).
- ``StaleVersionError`` (a stale ``If-Match``) -> 412 ``{"detail", "current"}`` where ``current``
  is the object as it is now (the view says how to represent it), plus its ``ETag``.
- ``RequestDataTooBig`` (Django's cap on ``request.body``) -> 413, like the API parser's limit.
- ``IntegrityError`` (a race the services' validation could not see) -> 400 ``{"detail"}``.
- ``Http404`` / ``PermissionDenied`` (from selectors and services) -> 404 / 403, as DRF does.
- The database or the job broker out of reach (``OperationalError`` / ``InterfaceError``: a
  restarting PostgreSQL; Redis down when a job is queued) -> 503 with ``Retry-After``: the
  client sends the same request again later (bulk events are idempotent by event id). Nothing
  was stored: the request's transaction did not commit (docs/drills.md).
"""

from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from cjm.core.exceptions import RowsInvalid, StaleVersionError, error_detail, out_of_reach
from cjm.core.unavailable import RETRY_AFTER_SECONDS


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = _("The request body is too large.")
    default_code = "request_too_large"


class Unavailable(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = _("The service is briefly unavailable; try again in a few seconds.")
    default_code = "unavailable"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _("The object changed since you read it; reload it and try again.")
    default_code = "stale_version"


def validation_error_detail(exc: DjangoValidationError) -> dict | list:
    """A Django ValidationError as DRF error detail: a dict of field -> messages."""
    return error_detail(exc, api_settings.NON_FIELD_ERRORS_KEY)


def _stale_response(exc: StaleVersionError, context: dict) -> Response:
    view = context.get("view")
    body = {"detail": str(PreconditionFailed.default_detail)}
    represent = getattr(view, "stale_representation", None)
    if represent is not None:
        body["current"] = represent(exc.current)
    response = Response(body, status=status.HTTP_412_PRECONDITION_FAILED)
    if getattr(exc.current, "etag", None):
        response["ETag"] = exc.current.etag
    return response


def _rows_response(exc: RowsInvalid) -> Response:
    body = {"detail": str(exc.message), "rows": exc.rows}
    if exc.rows_by_index_alias:
        body["rows_by_index"] = exc.rows_by_index
    return Response(body, status=status.HTTP_400_BAD_REQUEST)


def exception_handler(exc, context):
    if isinstance(exc, StaleVersionError):
        return _stale_response(exc, context)
    if isinstance(exc, RowsInvalid):
        return _rows_response(exc)
    if out_of_reach(exc):
        response = drf_exception_handler(Unavailable(), context)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    if isinstance(exc, RequestDataTooBig):
        exc = RequestTooLarge()
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(validation_error_detail(exc))
    elif isinstance(exc, IntegrityError):
        exc = exceptions.ValidationError(
            {"detail": _("This conflicts with existing data; reload and try again.")}
        )
    return drf_exception_handler(exc, context)
