"""Every committed change, sent to the open copies of the maps it names.

An ``ON_COMMIT`` listener of ``cjm.core.changes`` (subscribed in ``apps.py``): once per change,
after the commit (never for a rolled-back write), whatever the door (page, API, admin, a Celery
task), one message to the channel-layer group ``journey_<id>`` of every map the change names
(``journey_ids``; ``None``: every map of the workspace) with the map's new revision. A missing
channel layer or a Redis that is down is logged, never raised: the write has happened.
"""

import asyncio
import logging
import threading

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer  # type: ignore[import-untyped]

from cjm.core import changes
from cjm.core.display import display_name
from cjm.models import Journey

logger = logging.getLogger(__name__)

MESSAGE_TYPE = "map.change"  # handled by JourneyConsumer.map_change


def group_name(journey_id: int) -> str:
    return f"journey_{journey_id}"


def _revisions(change: changes.Change) -> dict[int, int]:
    """The maps the change names with their revisions now (one query)."""
    if change.journey_ids is not None:
        if not change.journey_ids:
            return {}
        maps = Journey.objects.filter(pk__in=change.journey_ids)
    elif change.workspace_id is not None:
        maps = Journey.objects.filter(workspace_id=change.workspace_id)
    else:
        return {}
    return {pk: revision or 0 for pk, revision in maps.values_list("pk", "map_revision__revision")}


def message_of(change: changes.Change, *, journey_id: int, revision: int) -> dict:
    return {
        "type": MESSAGE_TYPE,
        "object_type": change.object_type,
        "object_id": change.object_id,
        "verb": change.verb,
        "fields": change.fields,
        "object_repr": change.object_repr,
        "actor": display_name(change.actor) if change.actor is not None else "",
        "actor_id": change.actor_id,
        "source": change.source,
        "journey_id": journey_id,
        "revision": revision,
        "at": change.at.isoformat(),
    }


async def _send_all(layer, messages: list[tuple[str, dict]]) -> None:
    for group, message in messages:
        await layer.group_send(group, message)


def _run(layer, messages: list[tuple[str, dict]]) -> None:
    """Send from sync code. In a thread that runs an event loop itself (a browser test driving
    Playwright next to the ORM), ``async_to_sync`` refuses: send from a short-lived thread."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        async_to_sync(_send_all)(layer, messages)
        return
    failure: list[BaseException] = []

    def target() -> None:
        try:
            asyncio.run(_send_all(layer, messages))
        except BaseException as error:  # noqa: BLE001 - reported below, in the caller's thread
            failure.append(error)

    thread = threading.Thread(target=target, name="cjm-live-broadcast")
    thread.start()
    thread.join(timeout=10)
    if failure:
        raise failure[0]
    if thread.is_alive():  # the layer hangs (Redis unreachable and retried): say so, go on
        raise TimeoutError("the channel layer did not answer within 10 s")


def broadcast_change(change: changes.Change) -> None:
    """ON_COMMIT listener: one message per map the change names."""
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        revisions = _revisions(change)
        messages = [
            (group_name(pk), message_of(change, journey_id=pk, revision=revision))
            for pk, revision in sorted(revisions.items())
        ]
        if messages:
            _run(layer, messages)
    except Exception:
        logger.exception(
            "Live broadcast of %s %s %s failed", change.object_type, change.object_id, change.verb
        )
