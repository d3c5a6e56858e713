"""Who may open a map's socket: a member of its workspace (viewers receive only), or anyone with
a live share link of that map (receive only, no presence)."""

from dataclasses import dataclass

from django.http import Http404

from cjm.core.display import display_name, initials
from cjm.core.permissions import role_of
from cjm.core.roles import ROLE_RANK, Role
from cjm.core.typing import Reader
from cjm.models import Journey
from cjm.sharing.selectors import live_share_link_get, share_link_unlocked

# WebSocket close codes (4000-4999 are the application's): like HTTP's 401, 403 and 404.
CLOSE_ANONYMOUS = 4401
CLOSE_FORBIDDEN = 4403
CLOSE_NOT_FOUND = 4404


@dataclass(frozen=True)
class SocketAccess:
    journey_id: int
    revision: int
    can_edit: bool  # may send "editing" markers (editors and admins)
    shared: bool  # opened through a share link: receives changes only, no names, no presence
    person: dict | None  # id, name, initials of the member (None for a share link)


class Refused(Exception):
    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def socket_access(*, user: Reader, journey_id: int, token: str = "", session=None) -> SocketAccess:
    """What the socket of ``journey_id`` may do, or ``Refused`` with its close code. An unknown
    map is 4404 for a member and for a stranger alike; an outsider's known map is 4403."""
    row = (
        Journey.objects.filter(pk=journey_id)
        .values("pk", "workspace_id", "map_revision__revision")
        .first()
    )
    if row is None:
        raise Refused(CLOSE_NOT_FOUND)
    revision = row["map_revision__revision"] or 0
    if token:
        try:
            link = live_share_link_get(token=token)
        except Http404:
            raise Refused(CLOSE_FORBIDDEN) from None
        if link.journey_id != journey_id or not share_link_unlocked(session=session, link=link):
            raise Refused(CLOSE_FORBIDDEN)
        return SocketAccess(journey_id, revision, can_edit=False, shared=True, person=None)
    if user is None or not user.is_authenticated:
        raise Refused(CLOSE_ANONYMOUS)
    role = role_of(user, row["workspace_id"])
    if role is None:
        raise Refused(CLOSE_FORBIDDEN)
    person = {"id": user.pk, "name": display_name(user), "initials": initials(user)}
    can_edit = ROLE_RANK[role] >= ROLE_RANK[Role.EDITOR]
    return SocketAccess(journey_id, revision, can_edit=can_edit, shared=False, person=person)
