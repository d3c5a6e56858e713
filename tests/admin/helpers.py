"""Helpers of the admin tests: URLs, a real sign-in, one row of every model, form data."""

from django.urls import reverse

from cjm.models import Journey, Lane, LaneCell, Membership, Stage, Team, Workspace
from personas.models import Persona, Segment
from tests.factories import (
    PASSWORD,
    ActionFactory,
    ChannelFactory,
    CommentFactory,
    JourneyFactory,
    LaneCellFactory,
    LaneFactory,
    PersonaFactory,
    SegmentFactory,
    StageFactory,
    TeamFactory,
    TouchpointFactory,
)
from touchpoints.models import Channel, Comment, ImprovementAction, RatingChange, Touchpoint

MODELS = [
    Workspace,
    Membership,
    Team,
    Journey,
    Stage,
    Lane,
    LaneCell,
    Segment,
    Persona,
    Channel,
    Touchpoint,
    RatingChange,
    ImprovementAction,
    Comment,
]


def url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def login(client, user):
    """A real sign-in through the admin's login form."""
    response = client.post(
        reverse("admin:login"), {"username": user.username, "password": PASSWORD, "next": "/"}
    )
    assert response.status_code == 302, response.content[:500]


def build_workspace_data(workspace, member, prefix):
    """One row of every model in ``workspace``; names start with ``prefix``."""
    team = TeamFactory(workspace=workspace, name=f"{prefix} team")
    team.members.add(member)
    segment = SegmentFactory(workspace=workspace, name=f"{prefix} segment")
    channel = ChannelFactory(workspace=workspace, name=f"{prefix} channel")
    persona = PersonaFactory(workspace=workspace, segment=segment, name=f"{prefix} persona")
    persona.preferred_channels.add(channel)
    journey = JourneyFactory(workspace=workspace, segment=segment, title=f"{prefix} journey")
    journey.personas.add(persona)
    stage = StageFactory(journey=journey, name=f"{prefix} stage")
    lane = LaneFactory(journey=journey, name=f"{prefix} lane")
    LaneCellFactory(lane=lane, stage=stage, text=f"{prefix} cell")
    touchpoint = TouchpointFactory(
        stage=stage, name=f"{prefix} touchpoint", channel=channel, owner=member, team=team
    )
    RatingChange.objects.create(
        touchpoint=touchpoint, changed_by=member, from_rating="unrated", to_rating="awful"
    )
    ActionFactory(touchpoint=touchpoint, assignee=member, title=f"{prefix} action")
    CommentFactory(touchpoint=touchpoint, body=f"{prefix} comment on a touchpoint")
    CommentFactory(touchpoint=None, stage=stage, body=f"{prefix} comment on a stage")
    return touchpoint


def post_data(response) -> dict:
    """The POST body of an admin change form as it is displayed (main form and inlines)."""
    data = {}

    def add(form):
        for name in form.fields:
            value = form[name].value()
            if form.fields[name].disabled or value is None or value is False:
                continue
            data[form.add_prefix(name)] = "on" if value is True else value

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name in formset.management_form.fields:
            data[formset.management_form.add_prefix(name)] = formset.management_form[name].value()
        for form in formset.forms:
            add(form)
    return data
