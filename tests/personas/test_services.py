"""Segments and personas through their services."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cjm.core.exceptions import StaleVersionError
from personas import services
from personas.models import Persona
from tests.factories import ChannelFactory, JourneyFactory, SegmentFactory

pytestmark = pytest.mark.django_db


def test_persona_with_profile_and_preferred_channels(workspace, editor):
    segment = services.segment_create(actor=editor, workspace=workspace, name="Families")
    messenger = ChannelFactory(workspace=workspace, name="Messenger")
    persona = services.persona_create(
        actor=editor,
        workspace=workspace,
        name="Marina, 34",
        segment=segment,
        goals="Weekly groceries without queues",
        fears="Courier is late",
        quote="I want it on time",
        preferred_channels=[messenger],
    )
    assert list(persona.preferred_channels.all()) == [messenger]
    assert persona.segment == segment


def test_channels_and_segment_of_another_workspace_are_refused(workspace, other_workspace, editor):
    with pytest.raises(ValidationError) as error:
        services.persona_create(
            actor=editor,
            workspace=workspace,
            name="X",
            preferred_channels=[ChannelFactory(workspace=other_workspace)],
        )
    assert "preferred_channels" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.persona_create(
            actor=editor,
            workspace=workspace,
            name="Y",
            segment=SegmentFactory(workspace=other_workspace),
        )
    assert "segment" in error.value.message_dict
    assert not Persona.objects.exists()


def test_persona_update_is_versioned(workspace, editor):
    persona = services.persona_create(actor=editor, workspace=workspace, name="Igor")
    services.persona_update(actor=editor, persona=persona, expected_version=1, quote="Fast!")
    with pytest.raises(StaleVersionError):
        services.persona_update(actor=editor, persona=persona, expected_version=1, quote="Old")
    assert Persona.objects.get(pk=persona.pk).quote == "Fast!"


def test_deleting_a_segment_keeps_its_personas_and_journeys(workspace, editor):
    segment = services.segment_create(actor=editor, workspace=workspace, name="B2B")
    persona = services.persona_create(
        actor=editor, workspace=workspace, name="Office manager", segment=segment
    )
    journey = JourneyFactory(workspace=workspace, segment=segment)
    services.segment_delete(actor=editor, segment=segment)
    persona.refresh_from_db()
    journey.refresh_from_db()
    assert persona.segment is None and journey.segment is None


def test_duplicate_segment_name_is_a_validation_error(workspace, editor):
    services.segment_create(actor=editor, workspace=workspace, name="Families")
    with pytest.raises(ValidationError):
        services.segment_create(actor=editor, workspace=workspace, name="Families")


def test_viewer_cannot_create_personas(workspace, viewer):
    with pytest.raises(PermissionDenied):
        services.persona_create(actor=viewer, workspace=workspace, name="Z")
