"""Who may open a map's socket (in a constant number of queries), and a broadcast that cannot
reach Redis leaves the write alone."""

import logging

import pytest
from channels.layers import channel_layers

from cjm.live.access import Refused, socket_access
from cjm.services.stages import stage_create
from cjm.sharing.services import share_link_create
from tests.factories import JourneyFactory


@pytest.fixture
def journey(workspace):
    return JourneyFactory(workspace=workspace, title="Checkout")


@pytest.mark.django_db
def test_member_access_in_two_queries(journey, editor, viewer, django_assert_num_queries):
    with django_assert_num_queries(2):  # the map with its revision; the role
        access = socket_access(user=editor, journey_id=journey.pk)
    assert access.can_edit and not access.shared and access.person["id"] == editor.pk
    with django_assert_num_queries(2):
        assert socket_access(user=viewer, journey_id=journey.pk).can_edit is False


@pytest.mark.django_db
def test_share_link_access_in_two_queries(journey, editor, django_assert_num_queries):
    link = share_link_create(actor=editor, journey=journey)
    other = JourneyFactory(workspace=journey.workspace)
    with django_assert_num_queries(2):  # the map; the link
        access = socket_access(user=None, journey_id=journey.pk, token=link.token)
    assert access.shared and access.person is None and not access.can_edit
    with pytest.raises(Refused) as refused:
        socket_access(user=None, journey_id=other.pk, token=link.token)
    assert refused.value.code == 4403


@pytest.mark.django_db
def test_password_link_needs_the_unlocked_session(journey, editor):
    link = share_link_create(actor=editor, journey=journey, password="open sesame")
    with pytest.raises(Refused):
        socket_access(user=None, journey_id=journey.pk, token=link.token, session={})


@pytest.mark.django_db(transaction=True)
def test_redis_down_is_logged_and_the_write_stays(journey, editor, settings, caplog, monkeypatch):
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": ["redis://127.0.0.1:1/0"]},  # nothing listens there
        }
    }
    channel_layers.backends = {}
    # A test elsewhere in the process may have re-applied LOGGING, which disables the loggers
    # that existed then (this one included): it must be enabled to be heard.
    monkeypatch.setattr(logging.getLogger("cjm.live.broadcast"), "disabled", False)
    try:
        with caplog.at_level(logging.ERROR, logger="cjm.live.broadcast"):
            stage = stage_create(actor=editor, journey=journey, name="Pay")
    finally:
        channel_layers.backends = {}
    assert journey.stages.filter(pk=stage.pk).exists()
    assert "Live broadcast of stage" in caplog.text
