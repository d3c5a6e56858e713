"""Map templates: each built-in one creates a map in English and Russian (channels created or
matched by name, one transaction); save-as-template round trip without owners or ratings; the
new-map form."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cjm.choices import LaneKind
from cjm.models import Journey, LaneCell
from cjm.sharing import builtin
from cjm.sharing.services import journey_create_from_template, journey_template_save
from tests.factories import ChannelFactory
from touchpoints.models import Channel, Touchpoint

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("key", list(builtin.TEMPLATES))
def test_each_builtin_template_creates_a_map_in_both_languages(key, editor, workspace):
    for language in builtin.LANGUAGES:
        structure = builtin.builtin_structure(key, language)
        journey = journey_create_from_template(
            actor=editor, workspace=workspace, template=key, language=language
        )
        assert journey.title == builtin.builtin_name(key, language)
        stages = list(journey.stages.order_by("position"))
        assert [s.name for s in stages] == [s["name"] for s in structure["stages"]]
        assert [lane.name for lane in journey.lanes.order_by("position")] == [
            lane["name"] for lane in structure["lanes"]
        ]
        touchpoints = Touchpoint.objects.filter(stage__journey=journey)
        assert touchpoints.count() == sum(len(s["touchpoints"]) for s in structure["stages"])
        assert not touchpoints.filter(channel__isnull=True).exists()
        assert LaneCell.objects.filter(lane__journey=journey).exclude(text="").exists()
    # Russian content really is Russian, English is English.
    ru = builtin.builtin_structure(key, "ru")["stages"][0]["name"]
    en = builtin.builtin_structure(key, "en")["stages"][0]["name"]
    assert any("а" <= ch <= "я" for ch in ru.lower()) and en.isascii()


def test_blueprint_has_its_lanes(editor, workspace):
    journey = journey_create_from_template(
        actor=editor, workspace=workspace, template="service_blueprint:en"
    )
    names = [lane.name for lane in journey.lanes.all()]
    assert any(name.startswith("Backstage") for name in names)
    assert any(name.startswith("Frontstage") for name in names)


def test_channels_are_matched_by_name_or_created(editor, workspace):
    existing = ChannelFactory(workspace=workspace, name="WEBSITE")
    journey_create_from_template(actor=editor, workspace=workspace, template="online_store:en")
    assert Channel.objects.filter(workspace=workspace, name__iexact="website").count() == 1
    assert Touchpoint.objects.filter(channel=existing).exists()
    assert Channel.objects.filter(workspace=workspace, name="Courier").exists()
    count = Channel.objects.count()
    journey_create_from_template(actor=editor, workspace=workspace, template="online_store:en")
    assert Channel.objects.count() == count


def test_viewer_and_unknown_template_create_nothing(viewer, editor, workspace):
    with pytest.raises(Exception):  # noqa: B017, PT011 - PermissionDenied
        journey_create_from_template(actor=viewer, workspace=workspace, template="online_store")
    with pytest.raises(ValidationError):
        journey_create_from_template(actor=editor, workspace=workspace, template="999999")
    assert not Journey.objects.exists()


def test_save_as_template_round_trip(editor, workspace, shared_journey):
    template = journey_template_save(actor=editor, journey=shared_journey, name="Ours")
    text = repr(template.structure)
    for private in ("nina", "Nina", "ann@corp", "awful", "excellent", "Logistics"):
        assert private not in text, private
    copy = journey_create_from_template(
        actor=editor, workspace=workspace, template=str(template.pk), title="From ours"
    )
    assert copy.title == "From ours"
    assert [s.name for s in copy.stages.order_by("position")] == ["Choose", "Receive"]
    assert [(lane.kind, lane.name) for lane in copy.lanes.order_by("position")] == [
        (lane.kind, lane.name) for lane in shared_journey.lanes.order_by("position")
    ]
    tps = Touchpoint.objects.filter(stage__journey=copy).order_by("stage__position")
    assert [(tp.name, tp.rating, tp.owner_id, tp.team_id) for tp in tps] == [
        ("Product page", "unrated", None, None),
        ("Courier call", "unrated", None, None),
    ]
    assert tps[1].channel.name == "Courier app"
    goals = copy.lanes.get(kind=LaneKind.GOALS)
    assert goals.cells.get().text == "Find a gift"
    assert not LaneCell.objects.filter(lane__journey=copy, emotion_score__isnull=False).exists()


def test_new_map_form_offers_and_uses_templates(client, editor, workspace):
    client.force_login(editor)
    url = reverse("cjm:journey_create", kwargs={"workspace_id": workspace.pk})
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert "Online store with delivery" in page.content.decode()
    response = client.post(
        url,
        {"title": "Clinic", "state": "current", "status": "draft", "template": "service_business"},
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert response.status_code == 302
    journey = Journey.objects.get(title="Clinic")
    names = [s.name for s in journey.stages.order_by("position")]
    assert names == [
        s["name"] for s in builtin.builtin_structure("service_business", "ru")["stages"]
    ]
