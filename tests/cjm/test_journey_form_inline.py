"""The new-map form creates a segment or a persona in place and selects it (one page, not four
trips): through the personas services, editors only, errors beside the box."""

import re

import pytest
from django.urls import reverse

from personas.models import Persona, Segment

pytestmark = pytest.mark.django_db
HX = {"HX-Request": "true"}


def segment_url(workspace):
    return reverse("cjm:journey_form_segment", kwargs={"workspace_id": workspace.pk})


def persona_url(workspace):
    return reverse("cjm:journey_form_persona", kwargs={"workspace_id": workspace.pk})


def selected_options(html: str) -> list[str]:
    return re.findall(r'<option value="(\d+)"[^>]*selected', html)


def ticked(html: str) -> list[str]:
    boxes = re.findall(r'<input type="checkbox" name="personas" value="(\d+)"([^>]*)>', html)
    return [value for value, rest in boxes if "checked" in rest]


def test_new_map_page_offers_both_in_place(client, workspace, editor):
    client.force_login(editor)
    url = reverse("cjm:journey_create", kwargs={"workspace_id": workspace.pk})
    html = client.get(url).content.decode()
    assert f'hx-post="{segment_url(workspace)}"' in html
    assert f'hx-post="{persona_url(workspace)}"' in html
    # The boxes belong to no form: creating the map does not send them, Enter does not submit.
    assert 'name="new_segment_name" form="inline-create-none"' in html


def test_segment_created_in_place_and_selected(client, workspace, other_workspace, editor):
    Segment.objects.create(workspace=workspace, name="Families")
    client.force_login(editor)
    response = client.post(segment_url(workspace), {"new_segment_name": " Students "}, headers=HX)
    assert response.status_code == 200
    segment = Segment.objects.get(workspace=workspace, name="Students")
    html = response.content.decode()
    assert 'id="segment-picker"' in html
    assert selected_options(html) == [str(segment.pk)]
    assert "Families" in html  # the other choices stay
    assert not Segment.objects.filter(workspace=other_workspace).exists()


def test_bad_segment_name_answers_400_beside_the_box(client, workspace, editor):
    Segment.objects.create(workspace=workspace, name="Students")
    client.force_login(editor)
    blank = client.post(segment_url(workspace), {"new_segment_name": "  "}, headers=HX)
    assert blank.status_code == 400 and 'class="field__error"' in blank.content.decode()
    taken = client.post(segment_url(workspace), {"new_segment_name": "Students"}, headers=HX)
    assert taken.status_code == 400
    html = taken.content.decode()
    assert 'class="field__error"' in html and 'value="Students"' in html and " open" in html
    assert Segment.objects.filter(workspace=workspace).count() == 1


def test_persona_created_in_place_keeps_the_ticked_ones(client, workspace, editor):
    kept = Persona.objects.create(workspace=workspace, name="Olga")
    Persona.objects.create(workspace=workspace, name="Ivan")
    client.force_login(editor)
    response = client.post(
        persona_url(workspace),
        {"new_persona_name": "Maria", "personas": [str(kept.pk)], "title": "ignored"},
        headers=HX,
    )
    assert response.status_code == 200
    maria = Persona.objects.get(workspace=workspace, name="Maria")
    assert sorted(ticked(response.content.decode())) == sorted([str(kept.pk), str(maria.pk)])


def test_first_persona_of_a_workspace(client, workspace, editor):
    client.force_login(editor)
    url = reverse("cjm:journey_create", kwargs={"workspace_id": workspace.pk})
    assert "No personas yet." in client.get(url).content.decode()
    response = client.post(persona_url(workspace), {"new_persona_name": "Maria"}, headers=HX)
    assert ticked(response.content.decode()) == [str(Persona.objects.get().pk)]


def test_roles(client, workspace, viewer, outsider):
    client.force_login(viewer)
    assert client.post(segment_url(workspace), {"new_segment_name": "X"}).status_code == 403
    assert client.post(persona_url(workspace), {"new_persona_name": "X"}).status_code == 403
    client.force_login(outsider)
    assert client.post(segment_url(workspace), {"new_segment_name": "X"}).status_code == 404
    assert client.get(segment_url(workspace)).status_code == 405
    assert not Segment.objects.exists() and not Persona.objects.exists()
