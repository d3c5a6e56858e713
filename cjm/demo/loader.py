"""Write the demo content through the services: the workspace in one transaction, then its
history (history.py: customers, events, feedback, funnel reports).

``demo_seed()`` is idempotent: when the workspace with slug ``demo`` exists it is left as it is,
and only the parts of the history it lacks are added (none after a complete run).
``demo_seed(reset=True)`` first deletes the demo workspace (everything in it cascades) and the
demo users, then creates them again. Existing users with a demo username but not created by this
command (another e-mail domain) are reused as they are and never deleted.

Writes go through the services with ``actor=None`` (the system). Two kinds of write carry a
person on purpose: rating changes (the history says who re-rated a touchpoint) and comments
(a comment has an author).
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from cjm import services as journey_services
from cjm.accounts import services as account_services
from cjm.accounts.services.users import user_language_set
from cjm.core.tenancy import Workspace
from cjm.models import Journey
from cjm.sharing.services import share_link_create
from personas import services as persona_services
from touchpoints import services as touchpoint_services
from touchpoints.choices import CustomerReaction, Rating

from . import (
    history,
    office_journey,
    office_touchpoints,
    people,
    personas,
    store_journey,
    store_touchpoints_after,
    store_touchpoints_before,
)

# (journey module with JOURNEY, STAGES, STAGE_COMMENTS; touchpoints by stage name)
MAPS = [
    (
        store_journey,
        {**store_touchpoints_before.TOUCHPOINTS, **store_touchpoints_after.TOUCHPOINTS},
    ),
    (office_journey, office_touchpoints.TOUCHPOINTS),
]

REACTION_BY_RATING = {
    Rating.EXCELLENT: CustomerReaction.POSITIVE,
    Rating.SO_SO: CustomerReaction.NEUTRAL,
    Rating.AWFUL: CustomerReaction.NEGATIVE,
    Rating.UNRATED: CustomerReaction.UNKNOWN,
}


@dataclass
class DemoResult:
    workspace: Workspace
    created: bool
    users_created: list[str] = field(default_factory=list)
    users_kept: list[str] = field(default_factory=list)
    history: "history.HistoryResult | None" = None


def demo_workspace() -> Workspace | None:
    return Workspace.objects.filter(slug=people.WORKSPACE_SLUG).first()


def demo_email(username: str) -> str:
    return f"{username}@{people.EMAIL_DOMAIN}"


def demo_users():
    """The users this command created (a demo username and the demo e-mail domain)."""
    return get_user_model().objects.filter(
        username__in=[spec["username"] for spec in people.USERS],
        email__iendswith=f"@{people.EMAIL_DOMAIN}",
    )


@transaction.atomic
def demo_delete() -> None:
    """Delete the demo workspace with everything in it, and the demo users."""
    # There is no workspace_delete service: deleting a whole tenant is not a product feature.
    Workspace.objects.filter(slug=people.WORKSPACE_SLUG).delete()
    demo_users().delete()


def demo_seed(
    *,
    reset: bool = False,
    today: datetime.date | None = None,
    scale: float = 1.0,
    with_history: bool = True,
) -> DemoResult:
    """Create the demo workspace unless it exists (with ``reset``, recreate it from scratch),
    then add what is missing of its history, ``scale`` times the usual size."""
    result = _demo_workspace_seed(reset=reset, today=today)
    if with_history:
        result.history = history.history_seed(result.workspace, today=today, scale=scale)
    return result


@transaction.atomic
def _demo_workspace_seed(*, reset: bool, today: datetime.date | None) -> DemoResult:
    if reset:
        demo_delete()
    existing = demo_workspace()
    if existing is not None:
        return DemoResult(workspace=existing, created=False)
    return _Loader(today or timezone.localdate()).load()


class _Loader:
    def __init__(self, today: datetime.date):
        self.today = today
        self.users: dict = {}
        self.teams: dict = {}
        self.channels: dict = {}
        self.segments: dict = {}
        self.personas: dict = {}
        self.result: DemoResult | None = None

    def load(self) -> DemoResult:
        created, kept = self._users()
        workspace = self._workspace()
        self.result = DemoResult(
            workspace=workspace, created=True, users_created=created, users_kept=kept
        )
        self._teams(workspace)
        self._channels(workspace)
        self._segments(workspace)
        self._personas(workspace)
        journeys = [self._journey(workspace, module, touchpoints) for module, touchpoints in MAPS]
        # A read-only link to the first map, as a brand manager would send it to an executive
        # (the map's Share page lists it; it opens without an account).
        share_link_create(actor=self.users["demo"], journey=journeys[0])
        return self.result

    # --- People and the workspace ----------------------------------------------------------

    def _users(self) -> tuple[list[str], list[str]]:
        user_model = get_user_model()
        created, kept = [], []
        for spec in people.USERS:
            user = user_model.objects.filter(username=spec["username"]).first()
            if user is None:
                user = user_model.objects.create_user(
                    username=spec["username"],
                    email=demo_email(spec["username"]),
                    password=people.PASSWORD,
                    first_name=spec["first_name"],
                    last_name=spec["last_name"],
                )
                created.append(spec["username"])
                if spec.get("language"):
                    user_language_set(actor=user, language=spec["language"])
            else:
                kept.append(spec["username"])
            self.users[spec["username"]] = user
        return created, kept

    def _workspace(self) -> Workspace:
        creator, *others = people.USERS
        workspace = account_services.workspace_create(
            name=people.WORKSPACE_NAME,
            creator=self.users[creator["username"]],
            slug=people.WORKSPACE_SLUG,
        )
        for spec in others:
            account_services.membership_set(
                actor=None,
                workspace=workspace,
                user=self.users[spec["username"]],
                role=spec["role"],
            )
        return workspace

    def _teams(self, workspace: Workspace) -> None:
        for spec in people.TEAMS:
            self.teams[spec["key"]] = account_services.team_create(
                actor=None,
                workspace=workspace,
                name=spec["name"],
                description=spec["description"],
                members=[self.users[name] for name in spec["members"]],
            )

    def _channels(self, workspace: Workspace) -> None:
        for spec in people.CHANNELS:
            self.channels[spec["key"]] = touchpoint_services.channel_create(
                actor=None,
                workspace=workspace,
                name=spec["name"],
                kind=spec["kind"],
                medium=spec["medium"],
            )

    def _segments(self, workspace: Workspace) -> None:
        for spec in people.SEGMENTS:
            self.segments[spec["key"]] = persona_services.segment_create(
                actor=None, workspace=workspace, name=spec["name"], description=spec["description"]
            )

    def _personas(self, workspace: Workspace) -> None:
        for spec in personas.PERSONAS:
            fields = {k: v for k, v in spec.items() if k not in {"key", "segment", "name"}}
            fields["preferred_channels"] = [self.channels[k] for k in spec["preferred_channels"]]
            self.personas[spec["key"]] = persona_services.persona_create(
                actor=None,
                workspace=workspace,
                name=spec["name"],
                segment=self.segments[spec["segment"]],
                **fields,
            )

    # --- Maps ------------------------------------------------------------------------------

    def _journey(self, workspace: Workspace, module, touchpoints: dict) -> Journey:
        spec = module.JOURNEY
        branches = getattr(module, "BRANCHES", ())
        stage_names = [stage["name"] for stage in [*module.STAGES, *branches]]
        unknown = set(touchpoints) - set(stage_names)
        if unknown:
            raise ValueError(f"Demo touchpoints for unknown stages: {sorted(unknown)}")
        journey = journey_services.journey_create(
            actor=None,
            workspace=workspace,
            title=spec["title"],
            description=spec["description"],
            segment=self.segments[spec["segment"]],
            personas=[self.personas[key] for key in spec["personas"]],
            state=spec["state"],
            status=spec["status"],
            with_standard_lanes=True,
        )
        lanes = self._name_lanes(journey, spec["lane_names"])
        stages = {}
        for stage_spec in module.STAGES:
            stage = journey_services.stage_create(
                actor=None,
                journey=journey,
                name=stage_spec["name"],
                description=stage_spec["description"],
                moment_of_truth=stage_spec["moment_of_truth"],
                purchase_phase=stage_spec["purchase_phase"],
            )
            stages[stage.name] = stage
            self._cells(lanes, stage, stage_spec)
            for touchpoint_spec in touchpoints.get(stage.name, ()):
                self._touchpoint(stage, touchpoint_spec)
        for spec in branches:
            branch = journey_services.stage_branch_create(
                actor=None,
                stage=stages[spec["branch_of"]],
                name=spec["name"],
                description=spec["description"],
                moment_of_truth=spec["moment_of_truth"],
                purchase_phase=spec["purchase_phase"],
            )
            stages[branch.name] = branch
            self._cells(lanes, branch, spec)
            for touchpoint_spec in touchpoints.get(branch.name, ()):
                self._touchpoint(branch, touchpoint_spec)
        for name in getattr(module, "OPTIONAL_STAGES", ()):
            journey_services.step_optional_set(actor=None, stage=stages[name], is_optional=True)
        self._blueprint(journey, stages, getattr(module, "BLUEPRINT", ()))
        for stage_name, author, body in module.STAGE_COMMENTS:
            touchpoint_services.comment_create(
                actor=self.users[author], body=body, stage=stages[stage_name]
            )
        return journey

    def _blueprint(self, journey: Journey, stages: dict, lanes) -> None:
        """Service-blueprint lanes: (kind, lane name, {stage name: text})."""
        for kind, name, texts in lanes:
            lane = journey_services.lane_create(actor=None, journey=journey, name=name, kind=kind)
            for stage_name, text in texts.items():
                journey_services.lane_cell_set(
                    actor=None, lane=lane, stage=stages[stage_name], text=text
                )

    def _name_lanes(self, journey: Journey, names: dict) -> dict:
        lanes = {}
        for lane in journey.lanes.all():
            name = names.get(lane.kind)
            if name and name != lane.name:
                lane = journey_services.lane_update(actor=None, lane=lane, name=name)
            lanes[lane.kind] = lane
        return lanes

    def _cells(self, lanes: dict, stage, spec: dict) -> None:
        texts = dict(spec["lanes"])
        emotion_text = texts.pop("emotions", "")
        for kind, text in texts.items():
            journey_services.lane_cell_set(actor=None, lane=lanes[kind], stage=stage, text=text)
        journey_services.lane_cell_set(
            actor=None,
            lane=lanes["emotions"],
            stage=stage,
            text=emotion_text,
            emotion_score=spec["emotion"],
        )

    def _touchpoint(self, stage, spec: dict) -> None:
        history = list(spec.get("was", ()))
        ratings = [*history, spec["rating"]]
        touchpoint = touchpoint_services.touchpoint_create(
            actor=None,
            stage=stage,
            name=spec["name"],
            description=spec["description"],
            channel=self.channels[spec["channel"]],
            category=spec["category"],
            owner=self.users[spec["owner"]] if spec.get("owner") else None,
            team=self.teams[spec["team"]] if spec.get("team") else None,
            rating=ratings[0],
            importance=spec["importance"],
            is_critical=spec.get("critical", False),
            customer_reaction=spec.get("reaction", REACTION_BY_RATING[spec["rating"]]),
        )
        rated_by = self.users[spec["rated_by"]] if spec.get("rated_by") else None
        for rating in ratings[1:]:
            touchpoint = touchpoint_services.touchpoint_update(
                actor=rated_by,
                touchpoint=touchpoint,
                rating=rating,
                rating_note=spec.get("rating_note", ""),
            )
        for action in spec.get("actions", ()):
            touchpoint_services.action_create(
                actor=None,
                touchpoint=touchpoint,
                title=action["title"],
                description=action.get("description", ""),
                assignee=self.users[action["assignee"]],
                due_date=self.today + datetime.timedelta(days=action["due"]),
                status=action["status"],
            )
        for author, body in spec.get("comments", ()):
            touchpoint_services.comment_create(
                actor=self.users[author], body=body, touchpoint=touchpoint
            )
