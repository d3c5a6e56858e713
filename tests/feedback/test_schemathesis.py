"""schemathesis against the live server for every feedback operation: positive and negative
data, a fixed seed and a bounded number of examples. No 5xx, no response that breaks the schema.
Authenticated as an editor of a seeded workspace (answers, reviews, invitations)."""

import os

import pytest
from rest_framework.authtoken.models import Token

from feedback.models import FeedbackSettings
from tests import schemathesis_run
from tests.feedback.factories import (
    InvitationFactory,
    ResponseFactory,
    ReviewFactory,
    TransactionalSurveyFactory,
)

CHECKS = [
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
]
SEED = 20_241_124
MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "3"))
# The coverage phase (boundary and invalid values of every parameter) found every problem so
# far; SCHEMATHESIS_PHASES=examples,coverage,fuzzing runs the longer random search too.
PHASES = os.environ.get("SCHEMATHESIS_PHASES", "coverage")
FEEDBACK_PATHS = (
    r"^/api/v1/(surveys|responses|reviews|feedback-settings|touchpoint-feedback|stage-emotions"
    r"|feedback-metrics)/.*$"
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_schemathesis_finds_no_server_errors_in_feedback(live_server, workspace, editor):
    # A small world: every endpoint has something to return, each request stays cheap.
    FeedbackSettings.objects.create(workspace=workspace, fatigue_days=0, suggest_min_answers=1)
    survey = TransactionalSurveyFactory(workspace=workspace)
    ResponseFactory(survey=survey, score=3, comment="Курьер опоздал", sentiment="negative")
    ResponseFactory(survey=survey, score=10, customer_external_id="c1")
    ReviewFactory(workspace=workspace, touchpoint=survey.touchpoint, stage=survey.stage)
    InvitationFactory(survey=survey)
    token, _ = Token.objects.get_or_create(user=editor)
    selected, tested = schemathesis_run.run(
        live_server.url,
        token.key,
        paths=FEEDBACK_PATHS,
        checks=CHECKS,
        phases=PHASES,
        max_examples=MAX_EXAMPLES,
        seed=SEED,
    )
    assert selected == tested >= 25
