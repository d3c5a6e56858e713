"""Filling URLs for the authorization walk: every URL pattern of the project, with the ids and
tokens of workspace A's objects in place of its keywords. A keyword that is not mapped here (a
new kind of id) fails the walk until it is added (tests/security/test_authorization_walk.py)."""

import re

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver

from cjm.models import Journey

from .walk_world import paths_to_workspace

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
    paths = paths_to_workspace()
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
            "workspace; map it in tests/security/walk_urls.py"
        )

    return "/" + CONVERTER.sub(value, route)
