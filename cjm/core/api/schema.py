"""OpenAPI pieces shared by every endpoint: the documented error responses.

Each operation lists the errors it can answer with, so a client (and schemathesis) knows every
status code: 400 field errors, 401 without credentials, 403 for a role too low, 404 for anything
outside the caller's workspaces, 412 for a stale ``If-Match``, 413 for a body over the limit,
429 when a token client is throttled.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers

from cjm.core.api.etags import ETAG_HEADER, IF_MATCH_PARAMETER


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()


ERROR_400 = OpenApiResponse(
    response=OpenApiTypes.OBJECT,
    description=(
        'Invalid input: `{"field": ["message", ...], ...}` (field errors; errors not tied to '
        'one field under `non_field_errors`) or `{"detail": "..."}`.'
    ),
)
ERROR_401 = OpenApiResponse(DetailSerializer, description="No or invalid credentials.")
ERROR_403 = OpenApiResponse(DetailSerializer, description="Your role may not do this.")
ERROR_404 = OpenApiResponse(
    DetailSerializer,
    description="No such object in your workspaces (or no such page of a list).",
)
ERROR_413 = OpenApiResponse(DetailSerializer, description="The request body is over the limit.")
ERROR_429 = OpenApiResponse(DetailSerializer, description="Too many requests (token clients).")


class RowErrorSerializer(serializers.Serializer):
    index = serializers.IntegerField(help_text="0-based, in the order the rows were sent.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text='Field errors of that row: `{"field": ["message", ...]}`.',
    )


class RowErrorsSerializer(serializers.Serializer):
    """Bad rows of a bulk write (``detail`` and ``rows``; nothing was stored), or field errors
    of the request itself such as ``{"workspace": [...]}``: then neither key is there."""

    detail = serializers.CharField(required=False)
    rows = RowErrorSerializer(many=True, required=False)


class LegacyRowErrorsSerializer(RowErrorsSerializer):
    rows_by_index = serializers.DictField(
        required=False,
        help_text=(
            'Deprecated: the same errors keyed by index, `{"3": {"field": [...]}}`, as this '
            "endpoint answered before the API had one bulk-error style. Read `rows`."
        ),
    )


def bulk_errors(description: str, *, legacy: bool = False) -> OpenApiResponse:
    """The 400 of a bulk write: ``{"detail", "rows": [{"index", "errors"}]}``."""
    return OpenApiResponse(
        LegacyRowErrorsSerializer if legacy else RowErrorsSerializer, description=description
    )


_stale_cache: dict = {}


def stale_response(serializer_class) -> OpenApiResponse:
    """412 with the current object, typed with the resource's own serializer."""
    name = serializer_class.__name__.removesuffix("Serializer")
    if name not in _stale_cache:
        _stale_cache[name] = OpenApiResponse(
            inline_serializer(
                name=f"Stale{name}",
                fields={
                    "detail": serializers.CharField(),
                    "current": serializer_class(),
                },
            ),
            description=(
                "The If-Match version is stale: `current` is the object as it is now "
                "(its ETag is in the ETag header)."
            ),
        )
    return _stale_cache[name]


def read_errors() -> dict:
    return {401: ERROR_401, 404: ERROR_404, 429: ERROR_429}


def list_errors() -> dict:
    return {400: ERROR_400, 401: ERROR_401, 404: ERROR_404, 429: ERROR_429}


def write_errors(serializer_class=None) -> dict:
    errors = {
        400: ERROR_400,
        401: ERROR_401,
        403: ERROR_403,
        404: ERROR_404,
        413: ERROR_413,
        429: ERROR_429,
    }
    if serializer_class is not None:
        errors[412] = stale_response(serializer_class)
    return errors


def crud_schema(read, *, create=None, update=None, versioned=False, tags=None) -> dict:
    """``extend_schema`` for each action of a model viewset, with its error responses.

    ``read`` represents the object in responses; ``create`` / ``update`` are the request bodies
    (default ``read``). ``versioned`` adds ETag/If-Match and 412.
    """
    create = create or read
    update = update or read
    stale = read if versioned else None
    if_match = [IF_MATCH_PARAMETER, ETAG_HEADER] if versioned else []
    return {
        "list": extend_schema(tags=tags, responses={200: read(many=True), **list_errors()}),
        "retrieve": extend_schema(
            tags=tags,
            parameters=[ETAG_HEADER] if versioned else [],
            responses={200: read, **read_errors()},
        ),
        "create": extend_schema(tags=tags, request=create, responses={201: read, **write_errors()}),
        "update": extend_schema(
            tags=tags,
            request=update,
            parameters=if_match,
            responses={200: read, **write_errors(stale)},
        ),
        "partial_update": extend_schema(
            tags=tags,
            request=update,
            parameters=if_match,
            responses={200: read, **write_errors(stale)},
        ),
        "destroy": extend_schema(
            tags=tags,
            parameters=if_match,
            responses={204: None, **write_errors(stale)},
        ),
    }
