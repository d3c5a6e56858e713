"""The authorization walk: every URL pattern of the project (browser pages, the API, the admin),
filled with the ids of one workspace A, tried with every method as an anonymous visitor, as an
outsider (a member of workspace B only) and as a viewer of A.

A probe fails the walk when it answers 5xx; when the outsider gets a 2xx whose body shows A's
secret marker; when anyone but a workspace editor changes A's data (a fingerprint of every row
that belongs to A, compared before and after each write); or when an anonymous visitor gets a 2xx
from a page that is not meant to be public. New URLs are covered without a list kept by hand:
only an unknown URL keyword (a new kind of id) fails the walk until it is mapped in walk_urls.py.

Each probe runs inside a savepoint that is rolled back, so a probe that did change A leaves the
next probes the same world; the fingerprint is one SQL statement (PostgreSQL: ``row::text``)."""

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import get_resolver, reverse

from .walk_urls import fill, walk
from .walk_world import MARKER, Fingerprint, build_world

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "outsider", "viewer")
METHODS = ("get", "head", "options", "post", "put", "patch", "delete")
WRITES = {"post", "put", "patch", "delete"}
# What a write probe sends: enough for a partial update of most objects to go through if the
# role check were missing (an empty body would stop at validation and hide the hole).
PAYLOAD = {"name": "pwned", "title": "pwned", "text": "pwned", "body": "pwned", "role": "admin"}

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
