"""Exceptions the services raise and every door (API, pages, admin) answers in its own way."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import InterfaceError, OperationalError
from django.utils.translation import gettext_lazy as _
from kombu.exceptions import OperationalError as BrokerError
from redis.exceptions import ConnectionError as RedisConnectionError

NON_FIELD_KEY = "non_field_errors"


def error_detail(error: ValidationError, non_field_key: str = NON_FIELD_KEY) -> dict:
    """A ``ValidationError`` as plain field errors: ``{"field": ["message", ...]}`` (errors of
    no one field under ``non_field_key``)."""
    if hasattr(error, "error_dict"):
        return {
            (non_field_key if field == NON_FIELD_ERRORS else field): list(messages)
            for field, messages in error.message_dict.items()
        }
    return {non_field_key: list(error.messages)}


def _plain(errors) -> dict:
    if not errors:
        return {}
    return error_detail(errors if isinstance(errors, ValidationError) else ValidationError(errors))


class StaleVersionError(Exception):
    """The row changed since the client read it (optimistic concurrency).

    Carries the current row so the caller can show who changed it and offer a reload
    (the API answers 412 with it; the editor shows a conflict message).
    """

    def __init__(self, current):
        self.current = current
        super().__init__(f"{type(current).__name__} {current.pk} is at version {current.version}")


class RowsInvalid(ValidationError):
    """Some rows of a bulk write are invalid, so nothing was stored.

    ``rows`` lists every bad row in the one style of the whole API:
    ``[{"index": 3, "errors": {"field": ["message", ...]}}]`` (``index``: 0-based, in the order
    the client sent the rows). ``total`` is how many rows were sent. The API answers 400
    ``{"detail": message, "rows": rows}`` (``cjm.core.api.exceptions``); the pages show the rows
    by their number.

    ``rows_by_index_alias``: also send the same errors as ``{"<index>": errors}`` under
    ``rows_by_index``, for endpoints that answered in that shape before (deprecated there).
    """

    rows_by_index_alias = False

    def __init__(self, rows: list[dict], total: int | None = None, message: str = ""):
        self.rows = sorted(
            ({"index": row["index"], "errors": _plain(row["errors"])} for row in rows),
            key=lambda row: row["index"],
        )
        self.total = total
        super().__init__(message or _("Some rows are not valid; nothing was stored."))

    @property
    def rows_by_index(self) -> dict[str, dict]:
        return {str(row["index"]): row["errors"] for row in self.rows}


def out_of_reach(error: BaseException) -> bool:
    """PostgreSQL or the job broker is briefly out of reach (a restarting database, Redis down
    when a job is queued): the same request sent again later goes through (docs/drills.md)."""
    return isinstance(error, OperationalError | InterfaceError | BrokerError | RedisConnectionError)
