"""``manage.py seed_demo``: realistic content, idempotent, ``--reset`` recreates.

These tests look at the workspace and its maps (``--no-history``); the history of customers,
events, feedback and reports is tested in test_seed_demo_history.py."""

import datetime
import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count, Max
from django.utils import timezone

from cjm.choices import BLUEPRINT_LANES, EMOTION_MAX, EMOTION_MIN, STANDARD_LANES, LaneKind
from cjm.models import Journey, Lane, LaneCell, Membership, Stage, Team, Workspace
from cjm.sharing.models import ShareLink
from personas.models import Persona, Segment
from tests.cjm.demo_helpers import seeded_demo
from touchpoints.choices import OPEN_ACTION_STATUSES, Rating
from touchpoints.models import Channel, Comment, ImprovementAction, RatingChange, Touchpoint

pytestmark = pytest.mark.django_db

MODELS = [
    Workspace,
    ShareLink,
    Membership,
    Team,
    Channel,
    Segment,
    Persona,
    Journey,
    Stage,
    Lane,
    LaneCell,
    Touchpoint,
    RatingChange,
    ImprovementAction,
    Comment,
]
CYRILLIC = re.compile("[а-яА-ЯёЁ]")
LATIN = re.compile("[a-zA-Z]")
TEXT_LANES = [
    LaneKind.GOALS,
    LaneKind.ACTIONS,
    LaneKind.THOUGHTS,
    LaneKind.PAINS,
    LaneKind.EXPECTATIONS,
    LaneKind.OPPORTUNITIES,
]


def seed(*args) -> str:
    out = StringIO()
    call_command("seed_demo", "--no-history", *args, stdout=out)
    return out.getvalue()


def snapshot() -> dict:
    user_model = get_user_model()
    return {
        model.__name__: (model.objects.count(), model.objects.aggregate(m=Max("pk"))["m"])
        for model in [*MODELS, user_model]
    }


@pytest.fixture(scope="class")
def workspace_demo(django_db_setup, django_db_blocker):
    with seeded_demo(django_db_blocker, "--no-history") as workspace:
        yield workspace


@pytest.fixture
def fresh_demo(db):
    seed()
    return Workspace.objects.get(slug="demo")


class TestDemoWorkspace:
    """Read-only looks at one demo workspace (made once for the class)."""

    def test_users_roles_and_passwords(self, workspace_demo):
        roles = dict(workspace_demo.memberships.values_list("user__username", "role"))
        assert roles == {
            "demo": "admin",
            "anna": "editor",
            "ivan": "editor",
            "olga": "editor",
            "viewer": "viewer",
        }
        users = get_user_model().objects.filter(username__in=roles)
        assert all(user.check_password("demo12345") for user in users)
        anna = users.get(username="anna")
        assert (anna.first_name, anna.last_name) == ("Анна", "Смирнова")
        assert users.get(username="demo").first_name

    def test_counts_meet_the_minimums(self, workspace_demo):
        assert workspace_demo.teams.count() >= 4
        assert 8 <= workspace_demo.channels.count() <= 12
        assert {"online", "offline"} <= set(workspace_demo.channels.values_list("kind", flat=True))
        assert workspace_demo.segments.count() == 2
        assert workspace_demo.personas.count() == 3
        journeys = workspace_demo.journeys.annotate(n=Count("stages"))
        assert journeys.count() == 2
        assert all(journey.n >= 6 for journey in journeys)
        touchpoints = Touchpoint.objects.filter(stage__journey__workspace=workspace_demo)
        assert touchpoints.count() >= 40
        actions = ImprovementAction.objects.filter(touchpoint__in=touchpoints)
        assert actions.count() >= 15
        assert Comment.objects.filter(touchpoint__in=touchpoints).exists()
        assert Comment.objects.filter(stage__journey__workspace=workspace_demo).exists()
        assert RatingChange.objects.filter(
            touchpoint__in=touchpoints, from_rating="unrated"
        ).exists()
        assert (
            RatingChange.objects.filter(touchpoint__in=touchpoints)
            .exclude(from_rating="unrated")
            .count()
            >= 3
        )

    def test_touchpoints_answer_the_four_questions(self, workspace_demo):
        touchpoints = Touchpoint.objects.filter(stage__journey__workspace=workspace_demo)
        assert not touchpoints.filter(owner__isnull=True, team__isnull=True).exists()
        assert not touchpoints.filter(channel__isnull=True).exists()
        assert touchpoints.filter(is_critical=True).count() >= 1
        ratings = dict(touchpoints.order_by().values_list("rating").annotate(n=Count("id")))
        assert ratings[Rating.AWFUL] >= 3
        assert ratings[Rating.EXCELLENT] >= 3
        assert ratings[Rating.SO_SO] >= 1
        assert ratings[Rating.UNRATED] >= 1
        categories = set(touchpoints.values_list("category", flat=True))
        assert categories == {"business", "product", "service", "employee", "brand"}
        # Owners are members of the workspace.
        members = set(workspace_demo.memberships.values_list("user_id", flat=True))
        assert set(touchpoints.exclude(owner=None).values_list("owner_id", flat=True)) <= members

    def test_actions_are_overdue_due_soon_and_done(self, workspace_demo):
        today = timezone.localdate()
        actions = ImprovementAction.objects.filter(
            touchpoint__stage__journey__workspace=workspace_demo
        )
        open_actions = actions.filter(status__in=OPEN_ACTION_STATUSES)
        assert open_actions.filter(due_date__lt=today).exists()
        soon = today + datetime.timedelta(days=7)
        assert open_actions.filter(due_date__gte=today, due_date__lte=soon).exists()
        assert actions.filter(status="done", done_at__isnull=False).exists()
        assert not actions.filter(assignee__isnull=True).exists()

    def test_stages_lanes_and_emotion_curve(self, workspace_demo):
        for journey in workspace_demo.journeys.all():
            stages = list(journey.stages.order_by("position"))
            assert [s.position for s in stages] == list(range(len(stages)))
            assert {s.moment_of_truth for s in stages} >= {"zmot", "fmot", "umot"}
            assert {s.purchase_phase for s in stages} == {"before", "during", "after"}
            kinds = set(journey.lanes.values_list("kind", flat=True))
            kinds -= {str(kind) for kind in BLUEPRINT_LANES}  # the office map's blueprint
            assert kinds == {str(kind) for kind in STANDARD_LANES}
            for kind in TEXT_LANES:
                cells = LaneCell.objects.filter(lane__journey=journey, lane__kind=kind)
                assert cells.exclude(text="").count() == len(stages), kind
            scores = list(
                LaneCell.objects.filter(lane__journey=journey, lane__kind=LaneKind.EMOTIONS)
                .order_by("stage__position")
                .values_list("emotion_score", flat=True)
            )
            assert len(scores) == len(stages)
            assert all(EMOTION_MIN <= score <= EMOTION_MAX for score in scores)
            assert min(scores) < 0 < max(scores)

    def test_touchpoint_positions_are_dense_per_stage(self, workspace_demo):
        for stage in Stage.objects.filter(journey__workspace=workspace_demo):
            positions = list(
                stage.touchpoints.order_by("position").values_list("position", flat=True)
            )
            assert positions == list(range(len(positions)))

    def test_content_is_in_russian_and_english(self, workspace_demo):
        titles = list(workspace_demo.journeys.values_list("title", flat=True))
        assert any(CYRILLIC.search(t) for t in titles)
        assert any(not CYRILLIC.search(t) and LATIN.search(t) for t in titles)
        personas = list(workspace_demo.personas.values_list("quote", flat=True))
        assert any(CYRILLIC.search(q) for q in personas)
        assert any(not CYRILLIC.search(q) for q in personas)

    def test_personas_have_every_profile_field(self, workspace_demo):
        fields = [
            "role_title",
            "demographic",
            "geographic",
            "psychographic",
            "socio_economic",
            "goals",
            "needs",
            "thoughts",
            "emotions",
            "fears",
            "expectations",
            "quote",
        ]
        for persona in workspace_demo.personas.all():
            assert persona.segment is not None
            assert all(getattr(persona, name) for name in fields), persona.name
            assert persona.preferred_channels.exists()
            assert persona.journeys.exists()

    def test_the_first_map_has_a_working_share_link(self, workspace_demo, client):
        link = ShareLink.objects.get(journey__workspace=workspace_demo)
        page = client.get(f"/share/{link.token}/")
        assert page.status_code == 200
        assert link.journey.title in page.content.decode()

    def test_running_twice_changes_nothing(self, workspace_demo):
        before = snapshot()
        out = seed()
        assert "Demo workspace already exists" in out
        assert snapshot() == before


def test_output_lists_the_url_and_logins():
    out = seed()
    assert "http://127.0.0.1:8000/" in out
    for username in ["demo", "anna", "ivan", "olga", "viewer"]:
        assert username in out


def test_reset_recreates(fresh_demo):
    before = snapshot()
    Workspace.objects.filter(pk=fresh_demo.pk).update(name="Renamed by hand")
    seed("--reset")
    after = snapshot()
    assert {name: count for name, (count, _) in after.items()} == {
        name: count for name, (count, _) in before.items()
    }
    fresh = Workspace.objects.get(slug="demo")
    assert fresh.pk != fresh_demo.pk
    assert fresh.name != "Renamed by hand"


def test_existing_user_is_reused_and_keeps_password(db):
    get_user_model().objects.create_user(username="anna", password="own-secret-1")
    seed()
    anna = get_user_model().objects.get(username="anna")
    assert anna.check_password("own-secret-1")
    assert Workspace.objects.get(slug="demo").memberships.filter(user=anna).exists()
    # --reset deletes only the users the command created.
    seed("--reset")
    assert get_user_model().objects.get(username="anna").pk == anna.pk
