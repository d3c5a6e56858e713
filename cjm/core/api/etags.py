"""Optimistic concurrency over HTTP: ``ETag`` on reads, ``If-Match`` on writes, 412 when stale.

A versioned row's ETag is its quoted version (``"7"``). Detail GETs send it; PUT, PATCH and DELETE
may send it back in ``If-Match`` and then succeed only if the row is still at that version. The
view passes ``self.expected_version`` to the service, which checks it under a row lock; a stale
one raises ``StaleVersionError``, which the exception handler turns into a 412 whose body carries
the current object (``stale_representation``) so the client can show what changed.

A view may tag a richer representation with the version first: the journey map's tag is
``"<version>.<revision>.<day>"`` (cjm/api/views/journey_map.py). Such a view sets
``etag_suffixes = True``; its ``If-Match`` then accepts that form and checks the version part.
"""

import re

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from cjm.core.exceptions import StaleVersionError

_ETAG = re.compile(r'^\s*(?:W/)?"?(\d{1,9})"?\s*$')
_SUFFIXED_ETAG = re.compile(r'^\s*(?:W/)?"?(\d{1,9})(?:\.\d{1,18})*"?\s*$')
NEVER = -1  # an If-Match no version can match (unparseable): the write fails with 412

IF_MATCH_PARAMETER = OpenApiParameter(
    name="If-Match",
    type=OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=False,
    description=(
        'The ETag of the object as last read (for example `"3"`). When given, the write succeeds '
        "only if the object is still at that version; otherwise 412 with the current object."
    ),
)

ETAG_HEADER = OpenApiParameter(
    name="ETag",
    type=OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    response=[200, 412],
    description='The version of the object, quoted (for example `"3"`); send it back in If-Match.',
)


def parse_if_match(header: str | None, *, suffixes: bool = False) -> int | None:
    """The version an ``If-Match`` header asks for; None when absent or ``*``. With
    ``suffixes``, a tag ``"<version>.<more>..."`` stands for its version."""
    if header is None or header.strip() in ("", "*"):
        return None
    match = (_SUFFIXED_ETAG if suffixes else _ETAG).match(header.split(",")[0])
    return int(match.group(1)) if match else NEVER


class ETagMixin:
    """For ModelViewSets of versioned models: ETag on detail GETs and writes, If-Match checks."""

    etag_suffixes = False  # True where detail GETs tag "<version>.<more>" (the journey map)

    @property
    def expected_version(self) -> int | None:
        header = self.request.headers.get("If-Match")
        return parse_if_match(header, suffixes=self.etag_suffixes)

    def get_object(self):
        obj = super().get_object()
        if getattr(self, "action", None) in ("update", "partial_update", "destroy"):
            self.check_version(obj)
        return obj

    def check_version(self, obj) -> None:
        """Fail early (412) when If-Match is already stale; the service checks again under lock."""
        expected = self.expected_version
        if expected is not None and expected != obj.version:
            raise StaleVersionError(obj)

    def stale_representation(self, current) -> dict:
        fresh = self.get_queryset().filter(pk=current.pk).first() or current
        return self.get_read_serializer(fresh).data

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if (
            response.status_code == 200
            and getattr(self, "action", None) in ("retrieve", "update", "partial_update")
            and isinstance(getattr(response, "data", None), dict)
            and "version" in response.data
        ):
            response["ETag"] = f'"{response.data["version"]}"'
        return response
