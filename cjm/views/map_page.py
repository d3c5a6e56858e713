"""The map page, drawn once per map revision: most of its time is rendering a few hundred cards.

The page's content (header, toolbar, grid: ``cjm/partials/_journey_page.html``) is cached as
HTML per journey, language and edit rights, stamped with what it depends on: the map revision
(bumped by every recorded change, cjm/services/revisions.py), the day (overdue flags), the time
zone, and a digest of the feedback its card badges show (recent answers and reviews move the
badges without a write to the map; reading them is three grouped queries). A hit costs the
journey row with its revision, the role and those three queries; the page around the content
(menus, workspace switcher) is rendered per request. Nothing in the cached HTML belongs to a
user: the CSRF token is a placeholder replaced per request.
"""

import dataclasses
import hashlib
import hmac
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from cjm.core.permissions import has_role
from cjm.core.roles import Role
from cjm.selectors.journey_map import journey_page_get
from feedback.facade import touchpoint_feedback
from touchpoints.models import Touchpoint

CONTENT = "cjm/partials/_journey_page.html"
CACHE_TIMEOUT = 7 * 24 * 3600  # one entry per map, language and rights, replaced when stale
# LAYOUT names the markup's generation: bump it when the map's templates change, so a deploy does
# not serve pages drawn by the old templates from the cache.
LAYOUT = 7
CACHE_KEY = f"cjm:map-page:v{LAYOUT}:{{pk}}:{{language}}:{{rights}}"


def _csrf_placeholder() -> str:
    """What the cached HTML carries instead of a CSRF token: the same in every process (the
    cache is shared), not guessable (a name typed on the map cannot imitate it)."""
    secret = settings.SECRET_KEY.encode()
    return "csrf" + hmac.new(secret, b"cjm map page csrf", hashlib.sha256).hexdigest()[:32]


def map_page(
    request: HttpRequest, journey_id: int, *, build_context: Callable[..., dict]
) -> HttpResponse:
    """The map page of ``journey_id``. ``build_context(journey, feedback)`` gives the content's
    context when it must be drawn (``journey``: the row of ``journey_page_get``)."""
    journey = journey_page_get(user=request.user, pk=journey_id)
    request.workspace = journey.workspace
    can_edit = has_role(request.user, journey.workspace_id, Role.EDITOR)
    on_map = Touchpoint.objects.filter(stage__journey_id=journey.pk).values("pk")
    feedback = touchpoint_feedback(workspace_id=journey.workspace_id, touchpoint_ids=on_map)
    key = CACHE_KEY.format(
        pk=journey.pk, language=translation.get_language(), rights="edit" if can_edit else "read"
    )
    stamp = (
        journey.map_revision_number,
        timezone.localdate().isoformat(),
        timezone.get_current_timezone_name(),
        journey.created_at.isoformat(),
        _digest(feedback),
    )
    found = cache.get(key)
    if found is not None and found[0] == stamp:
        content = found[1]
    else:
        context = build_context(journey, feedback)
        content = render_to_string(CONTENT, {**context, "csrf_token": _csrf_placeholder()})
        cache.set(key, (stamp, content), CACHE_TIMEOUT)
    content = content.replace(_csrf_placeholder(), get_token(request))
    context = {
        "journey": journey,
        "workspace": journey.workspace,
        "can_edit": can_edit,
        "page_content": mark_safe(content),  # noqa: S308 - our template's output  # nosec B308 B703
    }
    return render(request, "cjm/journey_detail.html", context)


def _digest(feedback: dict) -> str:
    """A short fingerprint of the feedback the cards' badges show (in a stable order)."""
    text = repr(_canonical(feedback))
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


def _canonical(value):
    if dataclasses.is_dataclass(value):
        value = {item.name: getattr(value, item.name) for item in dataclasses.fields(value)}
    if isinstance(value, dict):
        return tuple(sorted((str(key), _canonical(item)) for key, item in value.items()))
    return value
