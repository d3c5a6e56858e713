"""The authorization walk: every URL pattern of the project (browser pages, the API, the admin),
filled with the ids of one workspace A, tried with every method as an anonymous visitor, as an
outsider (a member of workspace B only) and as a viewer of A.

A probe fails the walk when it answers 5xx; when the outsider gets a 2xx whose body shows A's
secret marker; when anyone but a workspace editor changes A's data (a fingerprint of every row
that belongs to A, compared before and after each write); or when an anonymous visitor gets a 2xx
from a page that is not meant to be public. New URLs are covered without a list kept by hand:
only an unknown URL keyword (a new kind of id) fails the walk until it is mapped below.

Each probe runs inside a savepoint that is rolled back, so a probe that did change A leaves the
next probes the same world; the fingerprint is one SQL statement (PostgreSQL: ``row::text``)."""

import datetime
import functools
import re
from collections import deque

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection, models, transaction
from django.db.models.functions import Concat, Left
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
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

pytestmark = pytest.mark.django_db

MARKER = "zqx7secret"
ROLES = ("anonymous", "outsider", "viewer")
METHODS = ("get", "head", "options", "post", "put", "patch", "delete")
WRITES = {"post", "put", "patch", "delete"}
# What a write probe sends: enough for a partial update of most objects to go through if the
# role check were missing (an empty body would stop at validation and hide the hole).
PAYLOAD = {"name": "pwned", "title": "pwned", "text": "pwned", "body": "pwned", "role": "admin"}
TEXT_FIELDS = ("name", "title", "text", "body", "description", "note", "goals", "event_name")

# Pages meant for people without an account: they may answer 2xx to anyone.
PUBLIC = {
    "login",
    "signup",
    "favicon",
    "set_language",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "cjm:shared_map",  # a share link: a read-only map for whoever holds the token
    "feedback:public_answer",  # a survey's public answer page
    "feedback:invitation_answer",  # a customer's personal survey link
    "feedback:thanks",
    "cjm:invitation_detail",  # a workspace invitation: the invitee has no account yet
    "cjm-api:invitation-accept",  # the API's accept: 4xx without a valid token
    "cjm-api:token",  # the API's sign-in
    "funnels-api:event-track",  # website track calls carry the workspace's write key, not a session
    "api-schema",  # decided public (issue 17, finding 8): it describes the API, holds no data
    "api-docs",
    "exchange-api:journey-schema",  # the exchange format's JSON schema
    "admin:login",
    "admin:logout",
    "admin:jsi18n",
    "logout",
}
# Links that carry a secret token: the token is the permission, and the walk hands it to every
# role, so whoever holds it may read what it shows and act on it (answer the survey, accept the
# invitation and join with its role), outsider and viewer included.
CAPABILITY_LINKS = {
    "cjm:shared_map",
    "cjm:invitation_detail",
    "feedback:public_answer",
    "feedback:invitation_answer",
}
# Public endpoints that store what anyone sends: track calls (checked by the workspace's key).
PUBLIC_WRITES = {"funnels-api:event-track"}

# Known, intended exceptions: (role, URL name, method) -> why it is fine.
EXPORTING_IS_READING = "a viewer may export a map they can read (PDF/PNG): cjm/renders"
ALLOWED = {
    # Viewers may export what they can read: the export job is a row of A (status, file).
    ("viewer", "renders-api:journey-exports", "post"): EXPORTING_IS_READING,
    ("viewer", "cjm:export_panel", "post"): EXPORTING_IS_READING,
    # touchpoints/services.py comment_create: "Viewers may comment: discussion is not editing."
    ("viewer", "touchpoints:comment_list", "post"): "viewers may comment",
    ("viewer", "touchpoints-api:comment-list", "post"): "viewers may comment",
}


# --- The world -------------------------------------------------------------------------------


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
def _paths_to_workspace():
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

    paths = _paths_to_workspace()
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


# --- Filling URLs ----------------------------------------------------------------------------

# The path segment in front of <pk> names the kind of object.
PK_BY_SEGMENT = {
    "journeys": "journey",
    "stages": "stage",
    "lanes": "lane",
    "cells": "cell",
    "workspaces": "workspace",
    "teams": "team",
    "segments": "segment",
    "personas": "persona",
    "channels": "channel",
    "touchpoints": "touchpoint",
    "actions": "action",
    "comments": "comment",
    "rating-changes": "rating_change",
    "event-mapping-rules": "rule",
    "event-imports": "event_import",
    "customers": "customer",
    "funnel-reports": "report",
    "manual-funnels": "manual_funnel",
    "surveys": "survey",
    "responses": "response",
    "reviews": "review",
    "feedback-settings": "workspace",
    "touchpoint-feedback": "touchpoint",
    "notifications": "notification",
    "exports": "render",
    "webhooks": "webhook",
    "share-links": "share_link",
    "snapshots": "snapshot",
    "changes": "change_record",
}
# Every other keyword names its object itself.
KWARGS = {
    "workspace_id": "workspace",
    "journey_id": "journey",
    "stage_id": "stage",
    "lane_id": "lane",
    "touchpoint_id": "touchpoint",
    "action_id": "action",
    "comment_id": "comment",
    "team_id": "team",
    "user_id": "member",
    "webhook_id": "webhook",
    "invitation_id": "invitation",
    "rule_id": "rule",
    "report_id": "report",
    "funnel_id": "manual_funnel",
    "customer_id": "customer",
    "import_id": "event_import",
    "render_id": "render",
    "link_id": "share_link",
    "notification_id": "notification",
    "snapshot_id": "snapshot",
    "record_id": "change_record",
}
# Tokens: the segment in front of <token> names what it opens.
TOKENS = {
    "share": lambda o: o["share_link"].token,
    "s": lambda o: o["survey"].public_token,
    "i": lambda o: o["survey_invitation"].token,
    "invitations": lambda o: o["invitation"].token,
}


# The few regular-expression routes (the admin's and the API's catch-alls), filled by hand.
def _admin_app_index() -> str:
    from django.contrib import admin

    labels = "|".join(dict.fromkeys(model._meta.app_label for model in admin.site._registry))
    return rf"^(?P<app_label>{labels})/$"


ADMIN_APP_INDEX = _admin_app_index()
REGEX_ROUTES = {
    # The admin's app index: its alternatives are the apps with models in the admin.
    ADMIN_APP_INDEX: "cjm/",
    r"(?P<url>.*)$": "no-such-page/",
    r"^[\s\S]*\Z": "v9/no-such-endpoint/",
}
CONVERTER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else f"{namespace}<unnamed>"
            yield prefix + str(pattern.pattern), name


def _admin_object(route, objects):
    """The admin's <object_id>: a row of A of the model the admin page is about."""
    match = re.match(r"admin/(?P<app>[^/]+)/(?P<model>[^/]+)/", route)
    try:
        model = apps.get_model(match["app"], match["model"])
    except (LookupError, TypeError):  # admin/r/<content type>/<object>/: a journey
        return objects["journey"].pk
    paths = _paths_to_workspace()
    if model in paths:
        row = model._default_manager.filter(**{paths[model]: objects["workspace"].pk}).first()
        if row is not None:
            return row.pk
    return objects["member"].pk


def fill(route, objects):
    """The URL of ``route`` with A's objects in it; AssertionError on an unknown keyword."""
    for regex, filled in REGEX_ROUTES.items():
        if regex in route:
            route = route.replace(regex, filled)
    if "(?P<" in route or "^" in route:
        raise AssertionError(f"{route}: a new regular-expression route; add it to REGEX_ROUTES")

    def value(match):
        name = match["name"]
        before = route[: match.start()].rstrip("/").rsplit("/", 1)[-1]
        if name == "pk":
            kind = PK_BY_SEGMENT.get(before)
            if kind is None:
                raise AssertionError(f"{route}: <pk> after '{before}/' is not mapped")
            return str(objects[kind].pk)
        if name in KWARGS:
            return str(objects[KWARGS[name]].pk)
        if name == "token" and before in TOKENS:
            return TOKENS[before](objects)
        if name in ("uidb64", "token"):
            return "MQ" if name == "uidb64" else "set-password"
        if name == "fmt":
            return "json"
        if route.startswith("history/") and name in ("object_type", "object_id"):
            # one object's history: A's touchpoint
            return "touchpoint" if name == "object_type" else str(objects["touchpoint"].pk)
        if name == "object_id":
            return str(_admin_object(route, objects))
        if name == "content_type_id":
            return str(ContentType.objects.get_for_model(Journey).pk)
        if name == "id":
            return str(objects["member"].pk)
        raise AssertionError(
            f"{route}: the URL keyword <{name}> is not mapped to an object of the walk's "
            "workspace; map it in tests/security/test_authorization_walk.py"
        )

    return "/" + CONVERTER.sub(value, route)


# --- Probing ---------------------------------------------------------------------------------


def _body(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def _methods(role, url):
    """Every method, but: the admin's pages sit behind one guard (``admin_view``: staff only,
    whatever the method) and none of the walk's people is staff, so a read and a write show it;
    a viewer's HEAD is the GET they may do anyway (Django answers HEAD with the GET view)."""
    if url.startswith("/admin/"):
        return ("get", "post")
    if role == "viewer":
        return tuple(m for m in METHODS if m != "head")
    return METHODS


def _to_sign_in(response):
    """A redirect to a sign-in page: the view did not run (login_required, the admin's guard)."""
    location = response.get("Location", "") if 300 <= response.status_code < 400 else ""
    return location.startswith((reverse("login"), reverse("admin:login")))


def _probe(client, method, url):
    kwargs = {}
    if method in WRITES:
        if url.startswith("/api/"):
            kwargs = {"data": PAYLOAD, "content_type": "application/json"}
        elif method == "post":
            kwargs = {"data": PAYLOAD}
    return getattr(client, method)(url, **kwargs)


def test_every_url_holds_for_anonymous_outsider_and_viewer(settings):
    if connection.vendor != "postgresql":
        pytest.skip("the fingerprint hashes rows with PostgreSQL's row::text")
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    world = build_world()
    objects = world["objects"]
    fingerprint = Fingerprint(world["a"].pk, world["paths"])
    before = fingerprint.take()
    clients = {role: Client(raise_request_exception=False) for role in ROLES}
    users = {"outsider": world["outsider"], "viewer": world["viewer"]}
    for role, user in users.items():
        clients[role].force_login(user)
    urls = [(fill(route, objects), name) for route, name in walk(get_resolver().url_patterns)]
    assert len(urls) > 300, "the walk lost most of the project's URLs"
    names = {name for _url, name in urls}
    stale = (
        PUBLIC | PUBLIC_WRITES | CAPABILITY_LINKS | {name for _role, name, _method in ALLOWED}
    ) - names
    assert not stale, f"allow-listed URL names that no longer exist: {sorted(stale)}"

    failures, probes = [], 0
    marker = MARKER.encode()
    for url, name in urls:
        for role, client in clients.items():
            for method in _methods(role, url):
                session = client.cookies.get("sessionid")
                session = session.value if session else None
                sid = transaction.savepoint()
                try:
                    response = _probe(client, method, url)
                    after = before
                    answered = response.status_code
                    if method in WRITES and answered < 400 and not _to_sign_in(response):
                        after = fingerprint.take()
                finally:
                    transaction.savepoint_rollback(sid)
                probes += 1
                status = response.status_code
                where = f"{role} {method.upper()} {url} ({name}) -> {status}"
                allowed = (role, name, method) in ALLOWED
                changed = sorted(k for k in before if before[k] != after[k])
                if status >= 500:
                    failures.append(f"{where}: server error")
                public_write = name in CAPABILITY_LINKS or (
                    role == "anonymous" and name in PUBLIC_WRITES
                )
                if changed and not allowed and not public_write:
                    failures.append(f"{where}: changed A ({', '.join(changed)})")
                if 200 <= status < 300 and not allowed and name not in CAPABILITY_LINKS:
                    body = _body(response)
                    if role == "outsider" and marker in body.lower():
                        failures.append(f"{where}: shows workspace A's data")
                    if role == "anonymous" and name not in PUBLIC and (method != "options" or body):
                        failures.append(f"{where}: answers a visitor without an account")
                new = client.cookies.get("sessionid")
                if role in users and (new.value if new else None) != session:
                    # Sign-out, sign-in or a rotated session (rolled back): sign in again.
                    clients[role].force_login(users[role])
    assert probes > 2000
    assert not failures, f"{len(failures)} of {probes} probes failed:\n" + "\n".join(failures)
