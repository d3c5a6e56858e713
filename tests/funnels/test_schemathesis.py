"""schemathesis against the live server for every events, customers and funnels operation:
positive and negative data, a fixed seed, a bounded number of examples. No 5xx, no response
that breaks the schema (status codes, content types, headers, bodies). Authenticated as an
editor of a workspace with events, a done report, a manual funnel, a mapping rule and an
unmapped event, so every list and detail has something to return."""

import os

import pytest
from django.core.servers.basehttp import WSGIRequestHandler
from rest_framework.authtoken.models import Token

from cjm.funnels import runner
from cjm.funnels.models import EventMappingRule, FunnelReport, ManualFunnel, ManualFunnelCount
from cjm.funnels.services.events import events_track
from tests import schemathesis_run
from tests.funnels.helpers import BASE, build_funnel_world, definition_for, record, store

# Not negative_data_rejection: its coverage phase (schemathesis 4.32) counts a body that leaves
# out an optional property (PUT /customers/{id}/ with only "segment") as invalid data.
CHECKS = [
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
    "use_after_free",
    "ensure_resource_availability",
    "ignored_auth",
    "missing_required_header",
    "unsupported_method",
    "allow_header_conformance",
]
SEED = 20_261_124
MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "5"))
PHASES = os.environ.get("SCHEMATHESIS_PHASES", "examples,coverage,fuzzing")
FUNNEL_PATHS = (
    r"^/api/v1/(events|event-mapping-rules|event-imports|customers|funnel-reports"
    r"|manual-funnels|journeys/[^/]+/(funnel-reports|manual-funnels))/.*$"
)

pytestmark = pytest.mark.django_db(transaction=True)


def build_world(workspace, editor):
    world = build_funnel_world(workspace)
    store(
        world,
        [
            record(world, event_id="1", customer="ann", stage=0, at=BASE, touchpoint=0, channel=0),
            record(world, event_id="2", customer="ann", stage=1, at=BASE, touchpoint=1),
            record(world, event_id="3", customer="bob", stage=0, at=BASE, touchpoint=1, segment=0),
        ],
    )
    definition = definition_for(world, date_from=BASE.date(), date_to=BASE.date())
    runner.run(FunnelReport.objects.create(definition=definition, journey=world.journey))
    manual = ManualFunnel.objects.create(
        journey=world.journey, date_from=BASE.date(), date_to=BASE.date(), title="March"
    )
    for position, stage in enumerate(world.stages):
        ManualFunnelCount.objects.create(
            manual_funnel=manual, stage=stage, customers=100 - 10 * position
        )
    EventMappingRule.objects.create(
        workspace=workspace, event_name="Order Completed", stage=world.stages[2]
    )
    events_track(
        actor=editor,
        workspace_id=workspace.pk,
        calls=[
            {
                "messageId": "m1",
                "userId": "ann",
                "event": "Page Viewed",
                "timestamp": BASE.isoformat(),
            }
        ],
    )
    return world


def test_schemathesis_finds_no_server_errors_in_events_and_funnels(
    live_server, workspace, editor, monkeypatch
):
    monkeypatch.setattr(WSGIRequestHandler, "disable_nagle_algorithm", True)
    build_world(workspace, editor)
    token, _ = Token.objects.get_or_create(user=editor)
    selected, tested = schemathesis_run.run(
        live_server.url,
        token.key,
        paths=FUNNEL_PATHS,
        checks=CHECKS,
        phases=PHASES,
        max_examples=MAX_EXAMPLES,
        seed=SEED,
        timeout=900,
    )
    assert selected == tested >= 20
