"""factory_boy factories. They write rows directly: tests of services call the services."""

import factory
from django.contrib.auth import get_user_model

from cjm.choices import LaneKind, Role
from cjm.models import Journey, Lane, LaneCell, Membership, Stage, Team, Workspace
from personas.models import Persona, Segment
from touchpoints.models import Channel, Comment, ImprovementAction, Touchpoint

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class WorkspaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workspace

    name = factory.Sequence(lambda n: f"Workspace {n}")
    slug = factory.Sequence(lambda n: f"workspace-{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    workspace = factory.SubFactory(WorkspaceFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.EDITOR


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    workspace = factory.SubFactory(WorkspaceFactory)
    name = factory.Sequence(lambda n: f"Team {n}")


class SegmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Segment

    workspace = factory.SubFactory(WorkspaceFactory)
    name = factory.Sequence(lambda n: f"Segment {n}")


class PersonaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Persona

    workspace = factory.SubFactory(WorkspaceFactory)
    segment = factory.SubFactory(SegmentFactory, workspace=factory.SelfAttribute("..workspace"))
    name = factory.Sequence(lambda n: f"Persona {n}")
    goals = "Get the order delivered on time"


class ChannelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Channel

    workspace = factory.SubFactory(WorkspaceFactory)
    name = factory.Sequence(lambda n: f"Channel {n}")
    kind = "online"
    medium = "website"


class JourneyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Journey

    workspace = factory.SubFactory(WorkspaceFactory)
    title = factory.Sequence(lambda n: f"Journey {n}")


class StageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stage

    journey = factory.SubFactory(JourneyFactory)
    name = factory.Sequence(lambda n: f"Stage {n}")
    position = factory.LazyAttribute(lambda s: s.journey.stages.count())


class LaneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lane

    journey = factory.SubFactory(JourneyFactory)
    kind = LaneKind.CUSTOM
    name = factory.Sequence(lambda n: f"Lane {n}")
    position = factory.LazyAttribute(lambda lane: lane.journey.lanes.count())


class LaneCellFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LaneCell

    lane = factory.SubFactory(LaneFactory)
    stage = factory.SubFactory(StageFactory, journey=factory.SelfAttribute("..lane.journey"))
    text = "Compares prices"


class TouchpointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Touchpoint

    stage = factory.SubFactory(StageFactory)
    name = factory.Sequence(lambda n: f"Touchpoint {n}")
    position = factory.LazyAttribute(lambda t: t.stage.touchpoints.count())


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImprovementAction

    touchpoint = factory.SubFactory(TouchpointFactory)
    title = factory.Sequence(lambda n: f"Improve step {n}")


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    touchpoint = factory.SubFactory(TouchpointFactory)
    body = "Customers complain about this step"
