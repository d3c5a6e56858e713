"""The map's websocket: who may open it, what it refuses, and one message per committed change."""

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.core.cache import cache
from django.db import transaction

from cjm.asgi import application
from cjm.core.display import display_name
from cjm.live import presence
from cjm.services.lanes import lane_cell_set
from cjm.services.stages import stage_create
from cjm.sharing.services import share_link_create
from tests.factories import JourneyFactory, LaneFactory, StageFactory

pytestmark = pytest.mark.django_db(transaction=True)

ORIGIN = [(b"origin", b"http://testserver")]


def run(coroutine_function):
    """Run an async test body (no pytest-asyncio here)."""
    return async_to_sync(coroutine_function)()


def session_cookie(client, user) -> list[tuple[bytes, bytes]]:
    client.force_login(user)
    cookie = client.cookies["sessionid"].value
    return [(b"cookie", f"sessionid={cookie}".encode())]


def communicator(journey_id: int, headers=(), query: str = "") -> WebsocketCommunicator:
    path = f"/ws/journeys/{journey_id}/" + (f"?{query}" if query else "")
    return WebsocketCommunicator(application, path, headers=[*ORIGIN, *headers])


async def receive_until(socket, kind: str, timeout: float = 2) -> dict:
    while True:
        message = await socket.receive_json_from(timeout=timeout)
        if message["type"] == kind:
            return message


async def people_until(socket, predicate, timeout: float = 2) -> list[dict]:
    """The first presence list that satisfies ``predicate`` (earlier ones may still be queued)."""
    while True:
        people = (await receive_until(socket, "presence", timeout))["people"]
        if predicate(people):
            return people


async def closed_with(socket) -> int:
    connected, _ = await socket.connect()
    assert connected  # accepted, then closed with the reason's code
    output = await socket.receive_output(timeout=2)
    assert output["type"] == "websocket.close"
    return output["code"]


@pytest.fixture(autouse=True)
def _clean_presence():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def journey(workspace):
    return JourneyFactory(workspace=workspace, title="Checkout")


def test_anonymous_outsider_and_unknown_map_are_refused(client, journey, outsider, editor):
    async def body():
        assert await closed_with(communicator(journey.pk)) == 4401
        outsider_headers = await database_sync_to_async(session_cookie)(client, outsider)
        assert await closed_with(communicator(journey.pk, outsider_headers)) == 4403
        editor_headers = await database_sync_to_async(session_cookie)(client, editor)
        assert await closed_with(communicator(journey.pk + 999, editor_headers)) == 4404

    run(body)


def test_other_origin_is_refused(client, journey, editor):
    async def body():
        headers = await database_sync_to_async(session_cookie)(client, editor)
        socket = WebsocketCommunicator(
            application,
            f"/ws/journeys/{journey.pk}/",
            headers=[(b"origin", b"http://evil.example"), *headers],
        )
        connected, _ = await socket.connect()
        assert not connected

    run(body)


def test_member_gets_hello_and_presence_and_leaves_on_close(client, journey, editor, viewer):
    async def body():
        editor_socket = communicator(
            journey.pk, await database_sync_to_async(session_cookie)(client, editor)
        )
        assert (await editor_socket.connect())[0]
        hello = await receive_until(editor_socket, "hello")
        assert hello["me"] == editor.pk and hello["can_edit"] is True
        assert hello["revision"] == 0
        people = (await receive_until(editor_socket, "presence"))["people"]
        assert [person["id"] for person in people] == [editor.pk]

        viewer_socket = communicator(
            journey.pk, await database_sync_to_async(session_cookie)(client, viewer)
        )
        assert (await viewer_socket.connect())[0]
        assert (await receive_until(viewer_socket, "hello"))["can_edit"] is False
        people = await people_until(editor_socket, lambda people: len(people) == 2)
        assert [person["id"] for person in people] == [editor.pk, viewer.pk]

        await editor_socket.send_json_to({"type": "editing", "element": "cell-1-2"})
        people = await people_until(viewer_socket, lambda people: people[0]["editing"])
        assert people[0]["editing"] == "cell-1-2"

        await viewer_socket.disconnect()
        people = await people_until(editor_socket, lambda people: len(people) == 1)
        assert [person["id"] for person in people] == [editor.pk]
        await editor_socket.disconnect()
        assert await database_sync_to_async(presence.people)(journey.pk) == []

    run(body)


def test_viewer_receives_changes_but_its_editing_markers_are_refused(
    client, journey, viewer, editor
):
    stage = StageFactory(journey=journey, name="Pay")
    lane = LaneFactory(journey=journey, name="Doing")

    async def body():
        socket = communicator(
            journey.pk, await database_sync_to_async(session_cookie)(client, viewer)
        )
        assert (await socket.connect())[0]
        await receive_until(socket, "presence")
        await socket.send_json_to({"type": "editing", "element": f"cell-{lane.pk}-{stage.pk}"})
        refused = await receive_until(socket, "refused")
        assert refused["of"] == "editing"
        await socket.send_json_to({"type": "edit", "text": "Hacked"})
        assert (await receive_until(socket, "refused"))["of"] == "edit"

        await database_sync_to_async(lane_cell_set)(
            actor=editor, lane=lane, stage=stage, text="Card declined"
        )
        change = await receive_until(socket, "change")
        assert change["object_type"] == "cell" and change["verb"] == "created"
        assert change["fields"]["text"]["new"] == "Card declined"
        assert change["actor"] == display_name(editor)
        assert change["source"] == "system" and change["revision"] == 1
        presence_people = await database_sync_to_async(presence.people)(journey.pk)
        assert presence_people[0]["editing"] == ""
        await socket.disconnect()

    run(body)


def test_one_message_per_change_after_commit_and_none_for_a_rollback(client, journey, editor):
    other_map = JourneyFactory(workspace=journey.workspace, title="Returns")

    def write_twice_then_roll_back():
        stage_create(actor=editor, journey=journey, name="Unbox")
        stage_create(actor=editor, journey=journey, name="Use")
        try:
            with transaction.atomic():
                stage_create(actor=editor, journey=journey, name="Never")
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
        stage_create(actor=editor, journey=other_map, name="Elsewhere")

    async def body():
        socket = communicator(
            journey.pk, await database_sync_to_async(session_cookie)(client, editor)
        )
        assert (await socket.connect())[0]
        await receive_until(socket, "presence")
        await database_sync_to_async(write_twice_then_roll_back)()
        received = []
        while not await socket.receive_nothing(timeout=0.5):
            message = await socket.receive_json_from()
            if message["type"] == "change":
                received.append(message)
        assert [(m["object_type"], m["object_repr"], m["revision"]) for m in received] == [
            ("stage", "Unbox", 1),
            ("stage", "Use", 2),
        ]
        await socket.disconnect()

    run(body)


def test_share_link_receives_changes_without_names_or_presence(client, journey, editor):
    link = share_link_create(actor=editor, journey=journey)

    async def body():
        socket = communicator(journey.pk, query=f"token={link.token}")
        assert (await socket.connect())[0]
        hello = await receive_until(socket, "hello")
        assert hello["shared"] is True and hello["me"] is None
        await database_sync_to_async(stage_create)(actor=editor, journey=journey, name="Pack")
        change = await receive_until(socket, "change")
        assert set(change) == {"type", "object_type", "object_id", "verb", "journey_id", "revision"}
        await socket.send_json_to({"type": "heartbeat"})
        assert (await receive_until(socket, "refused"))["reason"] == "read_only"
        await socket.disconnect()
        wrong = communicator(journey.pk, query="token=nope")
        assert await closed_with(wrong) == 4403

    run(body)
