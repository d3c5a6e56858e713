"""The permission matrix: every API operation, called by every kind of caller.

Each ``Endpoint`` names one operation of the OpenAPI schema (method + path template), how to fill
in its path and body from the test world, the lowest workspace role that may call it, and what the
outsider (a member of another workspace only) gets. ``check_endpoint`` then asserts:

- anonymous -> 401 (with ``WWW-Authenticate``)
- outsider -> 404 for anything addressed by id (never 403: existence is not revealed); 400 for a
  create whose body names an object of the workspace; lists answer 200 without the workspace's
  objects
- viewer, editor, admin -> the success status when their role is high enough, else 403

Each call runs in a savepoint that is rolled back, so every role meets the same world.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

ROLES = ("viewer", "editor", "admin")
RANK = {"viewer": 1, "editor": 2, "admin": 3}


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str  # the schema's path template, e.g. "/api/v1/touchpoints/{id}/"
    params: Callable = field(default=lambda w: {})  # world -> path parameters
    body: Callable | None = None  # world -> JSON body
    role: str = "viewer"  # the lowest role that may call it; "any": any signed-in user
    success: int = 200
    outsider: int = 404  # or 400 (a create naming the workspace's objects), 200 (lists)
    label: str = ""

    @property
    def operation(self) -> tuple[str, str]:
        return self.method.lower(), self.path

    @property
    def id(self) -> str:
        return self.label or f"{self.method} {self.path}"

    def url(self, world) -> str:
        return self.path.format(**self.params(world))


def call(client, endpoint: Endpoint, world):
    method = getattr(client, endpoint.method.lower())
    body = endpoint.body(world) if endpoint.body else None
    if body is None:
        return method(endpoint.url(world))
    return method(endpoint.url(world), body, format="json")


def expected_status(endpoint: Endpoint, role: str) -> int:
    if endpoint.role == "any" or RANK[role] >= RANK[endpoint.role]:
        return endpoint.success
    return 403


def result_ids(response) -> set:
    return {row.get("id") for row in response.json().get("results", [])}


def check_endpoint(endpoint: Endpoint, clients: dict, world) -> None:
    failures = []
    seen = {}

    def attempt(who: str, expected: int) -> None:
        with transaction.atomic():
            response = call(clients[who], endpoint, world)
            transaction.set_rollback(True)
        seen[who] = response
        if response.status_code != expected:
            failures.append(
                f"{who}: {response.status_code} != {expected}: {response.content[:300]}"
            )
        elif who == "anonymous" and "WWW-Authenticate" not in response:
            failures.append("anonymous: 401 without WWW-Authenticate")

    attempt("anonymous", 401)
    attempt("outsider", endpoint.outsider)
    for role in ROLES:
        attempt(role, expected_status(endpoint, role))
    if endpoint.method == "GET" and endpoint.outsider == 200 and not failures:
        members_see = result_ids(seen["viewer"])
        if not members_see or result_ids(seen["outsider"]) & members_see:
            failures.append("outsider: the list shows the workspace's objects (or it is empty)")
    assert not failures, f"{endpoint.id}:\n" + "\n".join(failures)
