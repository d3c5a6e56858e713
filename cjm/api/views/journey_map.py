"""``GET journeys/{id}/``: the whole map, served by revision.

The map's ``ETag`` is ``"<version>.<revision>.<day>"``: the journey row's version (what
``If-Match`` checks on writes of the journey), the map revision (bumped by every recorded change
of anything the map shows, ``cjm.services.revisions``) and the day it is drawn for (overdue flags
turn at midnight without a write). A current ``If-None-Match`` answers 304 after one query; any
other GET answers the JSON bytes cached for this revision (Django's cache: Redis in production),
built from ``.values()`` queries on a miss. The body does not depend on the language.
"""

from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.renderers import JSONRenderer

from cjm.selectors.journey_map import MapHead, journey_map_data, journey_map_head

CACHE_TIMEOUT = 7 * 24 * 3600  # one entry per map, replaced at its next revision
CACHE_KEY = "cjm:map-json:{pk}"

MAP_ETAG_HEADER = OpenApiParameter(
    name="ETag",
    type=OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    response=[200, 304],
    description=(
        'The map\'s tag, `"<version>.<revision>.<day>"` (for example `"3.41.20261124"`): it '
        "changes whenever anything the map shows changes. Send it back in `If-None-Match` to "
        "get 304 while the map is unchanged, or in `If-Match` on a write of the journey (only "
        'the version part is checked there; a bare `"3"` is accepted too).'
    ),
)
IF_NONE_MATCH_PARAMETER = OpenApiParameter(
    name="If-None-Match",
    type=OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=False,
    description="The map's ETag as last read: 304 without a body while it is still current.",
)


def map_etag(head: MapHead) -> str:
    return f'"{head.version}.{head.revision}.{head.day:%Y%m%d}"'


def etag_matches(header: str | None, etag: str) -> bool:
    """``If-None-Match`` (a list of tags or ``*``) against ``etag``, by weak comparison."""
    if not header:
        return False
    if header.strip() == "*":
        return True
    tags = (tag.strip() for tag in header.split(","))
    return any(tag.removeprefix("W/") == etag for tag in tags)


def map_response(request, *, pk: int) -> HttpResponse:
    """The map of journey ``pk`` for ``request.user`` (404 outside their workspaces)."""
    head = journey_map_head(user=request.user, pk=pk)
    etag = map_etag(head)
    if etag_matches(request.headers.get("If-None-Match"), etag):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(map_json(head), content_type="application/json")
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache"  # per user; revalidate with the ETag
    return response


def map_json(head: MapHead) -> bytes:
    """The rendered JSON of ``head``'s map, from the cache when it holds this revision.

    One entry per map, stamped with what the body depends on: the revision, the day, the time
    zone its times are written in, and when the journey was created (a recreated database reuses
    ids; its journeys were not created at the same microsecond).
    """
    key = CACHE_KEY.format(pk=head.pk)
    stamp = (
        head.revision,
        head.day.isoformat(),
        timezone.get_current_timezone_name(),
        head.journey["created_at"].isoformat(),
    )
    found = cache.get(key)
    if found is not None and found[0] == stamp:
        return found[1]
    body = JSONRenderer().render(journey_map_data(head))
    cache.set(key, (stamp, body), CACHE_TIMEOUT)
    return body
