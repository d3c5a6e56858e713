"""The map's websocket: ``ws/journeys/<id>/`` (``?token=`` for a share link).

Server to client (JSON): ``hello`` (the map's revision now, who you are, what you may send),
``presence`` (everyone on the map, with what they are editing), ``change`` (one committed change:
object type, id, verb, fields, who, from where, the map's new revision), ``refused`` (a message
this socket may not send). Client to server: ``heartbeat``, ``editing`` (``element``: the id of
the card or cell being edited), ``stopped``. Edits themselves go through the HTTP endpoints and
the API (the services, their checks and their change records); the socket carries presence only.
"""

import re
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from cjm.live import presence
from cjm.live.access import Refused, SocketAccess, socket_access
from cjm.live.broadcast import group_name

ELEMENT_ID = re.compile(r"[A-Za-z][\w-]{0,80}")
PRESENCE_TYPE = "map.presence"


class JourneyConsumer(AsyncJsonWebsocketConsumer):
    access: SocketAccess | None = None

    async def connect(self) -> None:
        journey_id = int(self.scope["url_route"]["kwargs"]["journey_id"])
        token = _query_value(self.scope.get("query_string", b""), "token")
        try:
            self.access = await database_sync_to_async(socket_access)(
                user=self.scope.get("user"),
                journey_id=journey_id,
                token=token,
                session=self.scope.get("session"),
            )
        except Refused as refused:
            # Accept first so that the browser sees the close code (a refused handshake is 1006).
            await self.accept()
            await self.close(code=refused.code)
            return
        self.group = group_name(journey_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        access = self.access
        await self.send_json(
            {
                "type": "hello",
                "revision": access.revision,
                "me": access.person["id"] if access.person else None,
                "can_edit": access.can_edit,
                "shared": access.shared,
                "heartbeat": presence.HEARTBEAT,
            }
        )
        if access.person is not None:
            await self._touch(person=access.person, force=True)

    async def disconnect(self, code: int) -> None:
        access = self.access
        if access is None:
            return
        await self.channel_layer.group_discard(self.group, self.channel_name)
        if access.person is not None:
            await database_sync_to_async(presence.leave)(access.journey_id, self.channel_name)
            await self._announce()

    async def receive_json(self, content, **kwargs) -> None:
        access = self.access
        if access is None:
            return
        kind = content.get("type") if isinstance(content, dict) else None
        if access.person is None:
            await self.send_json({"type": "refused", "reason": "read_only", "of": kind})
            return
        if kind == "heartbeat":
            await self._touch()
        elif kind in ("editing", "stopped"):
            if not access.can_edit:
                await self.send_json({"type": "refused", "reason": "read_only", "of": kind})
                return
            element = str(content.get("element", "")) if kind == "editing" else ""
            if element and not ELEMENT_ID.fullmatch(element):
                await self.send_json({"type": "refused", "reason": "bad_element", "of": kind})
                return
            await self._touch(editing=element)
        else:
            # Edits go through the HTTP endpoints, never through the socket.
            await self.send_json({"type": "refused", "reason": "unknown", "of": kind})

    async def _touch(self, *, person: dict | None = None, force: bool = False, **changes) -> None:
        access = self.access
        assert access is not None
        changed = await database_sync_to_async(presence.touch)(
            access.journey_id, self.channel_name, person or access.person, **changes
        )
        if changed or force:
            await self._announce()

    async def _announce(self) -> None:
        access = self.access
        assert access is not None
        people = await database_sync_to_async(presence.people)(access.journey_id)
        await self.channel_layer.group_send(self.group, {"type": PRESENCE_TYPE, "people": people})

    # --- group messages -----------------------------------------------------------------------

    async def map_presence(self, event: dict) -> None:
        if self.access is not None and not self.access.shared:
            await self.send_json({"type": "presence", "people": event["people"]})

    async def map_change(self, event: dict) -> None:
        message = {key: value for key, value in event.items() if key != "type"}
        if self.access is not None and self.access.shared:
            # A share link sees the map, not who works on it nor the values of hidden fields.
            message = {
                key: message[key]
                for key in ("object_type", "object_id", "verb", "journey_id", "revision")
            }
        await self.send_json({"type": "change", **message})


def _query_value(query_string: bytes, name: str) -> str:
    values = parse_qs(query_string.decode("latin-1")).get(name) or [""]
    return values[0][:200]
