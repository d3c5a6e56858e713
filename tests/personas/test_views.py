"""The personas and segments library: pages, forms, permissions, linking to journeys."""

import pytest
from django.urls import reverse

from cjm.models import Journey
from personas.models import Persona, Segment
from personas.services import persona_update
from tests.factories import ChannelFactory, JourneyFactory, PersonaFactory, SegmentFactory
from tests.page_helpers import count_queries

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(f"personas:{name}", kwargs=kwargs)


def persona_data(**overrides):
    data = {"name": "Marina, 34", "role_title": "Mother of two", "segment": "", "avatar_url": ""}
    data.update({field: "" for field in ("demographic", "geographic", "psychographic")})
    data.update({"socio_economic": "", "goals": "Groceries without queues", "needs": ""})
    data.update({"thoughts": "", "emotions": "", "fears": "", "expectations": "", "quote": ""})
    return {**data, **overrides}


# --- permissions ------------------------------------------------------------------------------


def test_anonymous_goes_to_login(client, workspace):
    persona = PersonaFactory(workspace=workspace)
    for address in (
        url("persona_list", workspace_id=workspace.pk),
        url("persona_detail", pk=persona.pk),
        url("segment_list", workspace_id=workspace.pk),
    ):
        response = client.get(address)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_outsider_gets_404(client, workspace, outsider):
    persona = PersonaFactory(workspace=workspace)
    client.force_login(outsider)
    assert client.get(url("persona_list", workspace_id=workspace.pk)).status_code == 404
    assert client.get(url("persona_detail", pk=persona.pk)).status_code == 404
    assert client.get(url("persona_edit", pk=persona.pk)).status_code == 404
    assert client.post(url("persona_delete", pk=persona.pk)).status_code == 404
    assert client.get(url("segment_edit", pk=persona.segment.pk)).status_code == 404
    assert Persona.objects.filter(pk=persona.pk).exists()


def test_viewer_reads_and_cannot_write(client, workspace, viewer):
    persona = PersonaFactory(workspace=workspace, name="Oleg")
    journey = JourneyFactory(workspace=workspace)
    client.force_login(viewer)
    listing = client.get(url("persona_list", workspace_id=workspace.pk))
    assert listing.status_code == 200
    assert url("persona_create", workspace_id=workspace.pk) not in listing.content.decode()
    detail = client.get(url("persona_detail", pk=persona.pk))
    assert detail.status_code == 200
    html = detail.content.decode()
    assert url("persona_edit", pk=persona.pk) not in html
    assert url("persona_journeys", pk=persona.pk) not in html
    assert client.get(url("persona_create", workspace_id=workspace.pk)).status_code == 403
    create = url("persona_create", workspace_id=workspace.pk)
    assert client.post(create, persona_data()).status_code == 403
    assert client.post(url("persona_edit", pk=persona.pk), persona_data()).status_code == 403
    assert client.post(url("persona_delete", pk=persona.pk)).status_code == 403
    linked = {"journeys": [journey.pk]}
    assert client.post(url("persona_journeys", pk=persona.pk), linked).status_code == 403
    segment_create = url("segment_create", workspace_id=workspace.pk)
    assert client.post(segment_create, {"name": "X"}).status_code == 403
    assert Persona.objects.get().name == "Oleg"
    assert not journey.personas.exists()
    assert Segment.objects.count() == 1


# --- personas ---------------------------------------------------------------------------------


def test_list_filters_by_segment_and_shows_journeys(client, workspace, editor):
    families = SegmentFactory(workspace=workspace, name="Families")
    anna = PersonaFactory(workspace=workspace, segment=families, name="Anna")
    PersonaFactory(workspace=workspace, name="Boris")
    JourneyFactory(workspace=workspace, title="Weekly groceries").personas.add(anna)
    PersonaFactory(name="Foreign persona")
    client.force_login(editor)
    response = client.get(url("persona_list", workspace_id=workspace.pk))
    assert [p.name for p in response.context["personas"]] == ["Anna", "Boris"]
    assert "Weekly groceries" in response.content.decode()
    filtered = client.get(
        url("persona_list", workspace_id=workspace.pk) + f"?segment={families.pk}"
    )
    assert [p.name for p in filtered.context["personas"]] == ["Anna"]
    partial = client.get(
        url("persona_list", workspace_id=workspace.pk), headers={"HX-Request": "true"}
    )
    assert "<html" not in partial.content.decode()


def test_list_query_count_is_constant(client, workspace, editor):
    def add(n):
        for _i in range(n):
            persona = PersonaFactory(workspace=workspace)
            persona.preferred_channels.add(ChannelFactory(workspace=workspace))
            JourneyFactory(workspace=workspace).personas.add(persona)

    add(1)
    client.force_login(editor)
    small = count_queries(client, url("persona_list", workspace_id=workspace.pk))
    add(8)
    assert count_queries(client, url("persona_list", workspace_id=workspace.pk)) == small


def test_create_persona(client, workspace, editor):
    segment = SegmentFactory(workspace=workspace)
    chat = ChannelFactory(workspace=workspace, name="Chat")
    client.force_login(editor)
    data = persona_data(segment=segment.pk, preferred_channels=[chat.pk])
    response = client.post(url("persona_create", workspace_id=workspace.pk), data)
    persona = Persona.objects.get(name="Marina, 34")
    assert response.status_code == 302
    assert response["Location"] == url("persona_detail", pk=persona.pk)
    assert persona.segment == segment
    assert list(persona.preferred_channels.all()) == [chat]
    detail = client.get(response["Location"]).content.decode()
    assert "Groceries without queues" in detail and "Chat" in detail


def test_create_errors_in_place_and_nothing_saved(client, workspace, editor):
    PersonaFactory(workspace=workspace, name="Taken")
    foreign_channel = ChannelFactory(name="Foreign")
    client.force_login(editor)
    create = url("persona_create", workspace_id=workspace.pk)
    response = client.post(
        create,
        persona_data(name="", avatar_url="not a url", preferred_channels=[foreign_channel.pk]),
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"name", "avatar_url", "preferred_channels"}
    duplicate = client.post(create, persona_data(name="Taken"))
    assert duplicate.status_code == 400
    assert "name" in duplicate.context["form"].errors
    assert Persona.objects.count() == 1


def test_edit_persona_and_stale_edit(client, workspace, editor, ws_admin):
    persona = PersonaFactory(workspace=workspace, name="Anna")
    client.force_login(editor)
    page = client.get(url("persona_edit", pk=persona.pk))
    assert page.status_code == 200
    seen = persona.version
    response = client.post(
        url("persona_edit", pk=persona.pk), persona_data(name="Anna K.", version=seen)
    )
    assert response.status_code == 302
    persona.refresh_from_db()
    assert persona.name == "Anna K."
    persona_update(actor=ws_admin, persona=persona, goals="Changed by the admin")
    stale = client.post(
        url("persona_edit", pk=persona.pk), persona_data(name="Anna S.", version=seen + 1)
    )
    assert stale.status_code == 409
    persona.refresh_from_db()
    assert persona.name == "Anna K."
    assert persona.goals == "Changed by the admin"


def test_delete_persona(client, workspace, editor):
    persona = PersonaFactory(workspace=workspace)
    client.force_login(editor)
    response = client.post(url("persona_delete", pk=persona.pk))
    assert response.status_code == 302
    assert not Persona.objects.exists()
    assert client.get(url("persona_delete", pk=persona.pk)).status_code == 405


def test_link_persona_to_journeys(client, workspace, editor):
    persona = PersonaFactory(workspace=workspace)
    other = PersonaFactory(workspace=workspace)
    keep, drop, add = (JourneyFactory(workspace=workspace) for _ in range(3))
    keep.personas.add(persona, other)
    drop.personas.add(persona, other)
    client.force_login(editor)
    response = client.post(url("persona_journeys", pk=persona.pk), {"journeys": [keep.pk, add.pk]})
    assert response.status_code == 302
    assert set(persona.journeys.all()) == {keep, add}
    assert set(drop.personas.all()) == {other}  # the other persona stays
    drop.refresh_from_db()
    keep.refresh_from_db()
    assert drop.version == 2  # through journey_update
    assert keep.version == 1  # unchanged


def test_link_refuses_a_foreign_journey(client, workspace, editor):
    persona = PersonaFactory(workspace=workspace)
    mine = JourneyFactory(workspace=workspace)
    foreign = JourneyFactory(title="Foreign")
    client.force_login(editor)
    response = client.post(
        url("persona_journeys", pk=persona.pk), {"journeys": [mine.pk, foreign.pk]}
    )
    assert response.status_code == 400
    assert "journeys" in response.context["journeys_form"].errors
    assert not persona.journeys.exists()


# --- segments ---------------------------------------------------------------------------------


def test_segment_pages(client, workspace, editor):
    client.force_login(editor)
    create = url("segment_create", workspace_id=workspace.pk)
    assert client.get(create).status_code == 200
    assert client.post(create, {"name": "Families", "description": "With kids"}).status_code == 302
    segment = Segment.objects.get(name="Families")
    PersonaFactory(workspace=workspace, segment=segment, name="Anna")
    JourneyFactory(workspace=workspace, segment=segment)
    listing = client.get(url("segment_list", workspace_id=workspace.pk))
    assert listing.status_code == 200
    row = listing.context["segments"][0]
    assert (row.persona_count, row.journey_count) == (1, 1)
    duplicate = client.post(create, {"name": "Families"})
    assert duplicate.status_code == 400
    assert "name" in duplicate.context["form"].errors
    edit = url("segment_edit", pk=segment.pk)
    assert client.post(edit, {"name": "", "description": ""}).status_code == 400
    assert client.post(edit, {"name": "Young families", "description": ""}).status_code == 302
    segment.refresh_from_db()
    assert segment.name == "Young families"
    assert client.post(url("segment_delete", pk=segment.pk)).status_code == 302
    assert not Segment.objects.exists()
    assert Journey.objects.get().segment is None
