"""The authorization walk's world: workspace A (the demo plus one of everything it lacks, every
name-like text carrying A's secret marker), the outsider's workspace B, each model's way to its
workspace, and a fingerprint of every row of A (tests/security/test_authorization_walk.py)."""

import datetime
import functools
from collections import deque

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection, models
from django.db.models.functions import Concat, Left
from django.utils import timezone

from cjm.core.tenancy import Workspace
from cjm.demo.loader import demo_seed
from cjm.funnels.models import EventImport, EventMappingRule, FunnelReport, ManualFunnel
from cjm.models import Journey, Lane, LaneCell, Stage
from cjm.notifications.models import Notification
from cjm.renders.models import MapRender
from cjm.sharing.models import ShareLink
from cjm.webhooks.models import Delivery, Subscription
from feedback.models import FeedbackSettings, Review, Survey
from feedback.models import Response as SurveyResponse
from personas.models import Persona, Segment
from touchpoints.models import Channel, Comment, ImprovementAction, RatingChange, Touchpoint

MARKER = "zqx7secret"
TEXT_FIELDS = ("name", "title", "text", "body", "description", "note", "goals", "event_name")


def _mark(workspace_id, paths):
    """Put MARKER into every name-like text of A's rows, so any page showing them shows it."""
    for model, path in paths.items():
        names = [
            f.name
            for f in model._meta.concrete_fields
            if f.name in TEXT_FIELDS and isinstance(f, (models.CharField, models.TextField))
        ]
        if not names:
            continue
        changes = {}
        for name in names:
            field = model._meta.get_field(name)
            value = Concat(models.Value(MARKER + " "), models.F(name))
            changes[name] = Left(value, field.max_length) if field.max_length else value
        model._default_manager.filter(**{path: workspace_id}).update(**changes)


@functools.cache
def paths_to_workspace():
    """Each model that belongs to a workspace, with the lookup that reaches it
    (Touchpoint -> "stage__journey__workspace"); found by following foreign keys."""
    found = {Workspace: "pk"}
    for model in apps.get_models():
        if model is Workspace or model._meta.proxy or not model._meta.managed:
            continue
        queue = deque([(model, "", 0)])
        seen = {model}
        while queue:
            current, prefix, depth = queue.popleft()
            for field in current._meta.concrete_fields:
                if not field.many_to_one or field.related_model in seen:
                    continue
                lookup = f"{prefix}{field.name}"
                if field.related_model is Workspace:
                    found[model] = lookup
                    queue.clear()
                    break
                if depth < 4 and field.related_model is not get_user_model():
                    seen.add(field.related_model)
                    queue.append((field.related_model, f"{lookup}__", depth + 1))
    return found


class Fingerprint:
    """One statement that hashes every row of every table that belongs to workspace A."""

    def __init__(self, workspace_id, paths):
        parts, self.params, self.labels = [], [], []
        for model, path in sorted(paths.items(), key=lambda item: item[0]._meta.label):
            keys = model._meta.pk_fields  # more than one with a composite primary key
            ids = model._default_manager.filter(**{path: workspace_id})
            sql, params = ids.values(*(f.attname for f in keys)).query.sql_with_params()
            table = connection.ops.quote_name(model._meta.db_table)
            pk = ", ".join(f"t.{connection.ops.quote_name(f.column)}" for f in keys)
            parts.append(
                f"(SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY {pk}), ''))"
                f" FROM {table} t WHERE ({pk}) IN ({sql}))"
            )
            self.params.extend(params)
            self.labels.append(model._meta.label)
        self.sql = "SELECT " + ", ".join(parts)

    def take(self):
        with connection.cursor() as cursor:
            cursor.execute(self.sql, self.params)
            return dict(zip(self.labels, cursor.fetchone(), strict=True))


def build_world():
    """Workspace A: the demo workspace (two maps, touchpoints, actions, comments, personas,
    segments, channels, teams, surveys, answers, reviews, customers, events, funnel reports, a
    share link) plus one of everything the demo lacks. Workspace B: the outsider's own."""
    User = get_user_model()
    a = demo_seed(scale=0.01).workspace
    admin = User.objects.get(username="demo")
    viewer = User.objects.get(username="viewer")
    journey = Journey.objects.filter(workspace=a).order_by("pk").first()
    stage = Stage.objects.filter(journey=journey).order_by("pk").first()
    touchpoint = Touchpoint.objects.filter(stage__journey=journey).order_by("pk").first()
    lane = Lane.objects.filter(journey=journey).order_by("pk").first()
    now = timezone.now()

    from cjm.accounts.services.invitations import invitation_create
    from cjm.accounts.services.users import api_token_create
    from cjm.accounts.services.workspaces import workspace_create
    from feedback.services.invitations import invitations_create

    invitation = invitation_create(
        actor=admin, workspace=a, emails="newcomer@example.com", role="editor"
    )[0]
    survey = Survey.objects.filter(workspace=a).order_by("pk").first()
    if not survey.is_open():
        Survey.objects.filter(pk=survey.pk).update(is_active=True, starts_at=None, ends_at=None)
        survey.refresh_from_db()
    survey_invitation = invitations_create(
        actor=admin, survey=survey, customers=["walk-customer-1"]
    ).created[0]
    subscription = Subscription.objects.create(
        workspace=a, url="https://hooks.example.com/in", events=["journey.updated"], secret="s"
    )
    Delivery.objects.create(
        subscription=subscription, delivery_id="00000000-0000-0000-0000-000000000001", event="x"
    )
    render = MapRender.objects.create(
        journey=journey, format="pdf", status="done", created_by=admin, expires_at=now
    )
    notification = Notification.objects.create(
        recipient=admin, workspace=a, kind=Notification._meta.get_field("kind").choices[0][0]
    )
    rule = EventMappingRule.objects.create(workspace=a, event_name="walk_event", stage=stage)
    event_import = EventImport.objects.create(
        workspace=a, created_by=admin, file="walk.csv", format="csv"
    )
    manual = ManualFunnel.objects.create(
        journey=journey,
        date_from=datetime.date(2026, 1, 1),
        date_to=datetime.date(2026, 1, 31),
        title="walk funnel",
    )
    api_token_create(actor=admin)
    if not Comment.objects.filter(touchpoint__stage__journey__workspace=a).exists():
        Comment.objects.create(touchpoint=touchpoint, author=admin, body="walk comment")
    if not RatingChange.objects.filter(touchpoint__stage__journey__workspace=a).exists():
        RatingChange.objects.create(
            touchpoint=touchpoint, changed_by=admin, from_rating="so_so", to_rating="excellent"
        )
    if not Review.objects.filter(workspace=a).exists():
        raise AssertionError("the demo has no reviews any more: add one here")

    outsider = User.objects.create_user("oscar_outsider", "oscar@example.com", "x-pass-12345")
    b = workspace_create(name="Outsider Brand", creator=outsider, slug="outsider-brand")
    Journey.objects.create(workspace=b, title="Outsider map")

    paths = paths_to_workspace()
    _mark(a.pk, paths)
    cache.clear()
    from cjm.history.models import ChangeRecord
    from cjm.snapshots.services import snapshot_create

    # Frozen after the marking: the snapshot's data carries A's secret marker too.
    snapshot = snapshot_create(actor=admin, journey=journey, name="walk snapshot")

    objects = {
        "workspace": a,
        "journey": journey,
        "stage": stage,
        "lane": lane,
        "cell": LaneCell.objects.filter(lane__journey=journey).order_by("pk").first(),
        "touchpoint": touchpoint,
        "action": ImprovementAction.objects.filter(touchpoint__stage__journey__workspace=a)
        .order_by("pk")
        .first(),
        "comment": Comment.objects.filter(touchpoint__stage__journey__workspace=a)
        .order_by("pk")
        .first(),
        "rating_change": RatingChange.objects.filter(touchpoint__stage__journey__workspace=a)
        .order_by("pk")
        .first(),
        "persona": Persona.objects.filter(workspace=a).order_by("pk").first(),
        "segment": Segment.objects.filter(workspace=a).order_by("pk").first(),
        "channel": Channel.objects.filter(workspace=a).order_by("pk").first(),
        "team": a.teams.order_by("pk").first(),
        "survey": survey,
        "response": SurveyResponse.objects.filter(workspace=a).order_by("pk").first(),
        "review": Review.objects.filter(workspace=a).order_by("pk").first(),
        "feedback_settings": FeedbackSettings.objects.get_or_create(workspace=a)[0],
        "report": FunnelReport.objects.filter(journey__workspace=a).order_by("pk").first(),
        "manual_funnel": manual,
        "customer": a.customers.order_by("pk").first(),
        "event_import": event_import,
        "rule": rule,
        "invitation": invitation,
        "survey_invitation": survey_invitation,
        "share_link": ShareLink.objects.filter(journey__workspace=a).order_by("pk").first(),
        "webhook": subscription,
        "render": render,
        "notification": notification,
        "member": admin,
        "snapshot": snapshot,
        "change_record": ChangeRecord.objects.filter(workspace_id=a.pk).order_by("pk").first(),
    }
    missing = [name for name, value in objects.items() if value is None]
    assert not missing, f"the walk's fixture lacks {missing}"
    return {"a": a, "viewer": viewer, "outsider": outsider, "objects": objects, "paths": paths}
