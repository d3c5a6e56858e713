"""schemathesis against the live server: every operation of this API, positive and negative
data, a fixed seed and a bounded number of examples. No 5xx, no response that breaks the schema
(status codes, content types, headers, bodies).

It runs the schemathesis CLI in a subprocess against pytest-django's ``live_server`` (in this
process, so the test database and the seeded data are the server's), authenticated as an editor
of a seeded workspace. ``SCHEMATHESIS_MAX_EXAMPLES`` raises the number of examples per operation
for a longer run.
"""

import os
import re

import pytest
from django.core.servers.basehttp import WSGIRequestHandler
from rest_framework.authtoken.models import Token

from tests import schemathesis_run
from tests.api.conftest import build_world

CHECKS = [
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
    "negative_data_rejection",
    "use_after_free",
    "ensure_resource_availability",
    "ignored_auth",
    "missing_required_header",
    "unsupported_method",
    "allow_header_conformance",
]
# A stale or unparseable If-Match is checked before the body is read: 412 is a rejection too.
CONFIG = """
[checks.negative_data_rejection]
expected-statuses = ["400", "401", "403", "404", "405", "406", "409", "412", "413", "415", "422",
                     "428", "429"]
"""
SEED = 20_240_601
MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "25"))
TIMEOUT_SECONDS = 600


def operations_regex() -> str:
    """The journeys', accounts', personas' and touchpoints' paths (events, funnels and feedback
    test their own)."""
    from tests.api.test_permissions import ENDPOINTS, PUBLIC

    paths = {e.path for e in ENDPOINTS} | {path for _method, path in PUBLIC}
    alternatives = "|".join(
        re.sub(r"\\\{[a-z_]+\\\}", "[^/]+", re.escape(path)) for path in sorted(paths)
    )
    return f"^({alternatives})$"


@pytest.mark.django_db(transaction=True)
def test_schemathesis_finds_no_server_errors_and_no_schema_violations(
    live_server,
    workspace,
    ws_admin,
    editor,
    viewer,
    other_workspace,
    outsider,
    tmp_path,
    monkeypatch,
):
    # The live server answers in two writes (headers, body): without TCP_NODELAY each response
    # waits for the client's delayed ACK (40 ms).
    monkeypatch.setattr(WSGIRequestHandler, "disable_nagle_algorithm", True)
    world = build_world(workspace, editor=editor, size=2)
    build_world(other_workspace, editor=outsider, prefix="Foreign ")
    assert world.touchpoints
    token, _ = Token.objects.get_or_create(user=editor)
    config = tmp_path / "schemathesis.toml"
    config.write_text(CONFIG)
    selected, tested = schemathesis_run.run(
        live_server.url,
        token.key,
        paths=operations_regex(),
        checks=CHECKS,
        phases="examples,coverage,fuzzing",
        max_examples=MAX_EXAMPLES,
        seed=SEED,
        timeout=TIMEOUT_SECONDS,
        config=config,
        cwd=tmp_path,
    )
    assert selected == tested >= 78
