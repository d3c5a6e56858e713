"""The print render (PDF/PNG) draws step headers and the blueprint lanes below the customer's
with their lines; a straight map prints without a step row."""

import pytest

from cjm import services
from cjm.renders.document import document_html
from cjm.selectors.journey_map import journey_map_data, journey_map_head
from tests.factories import JourneyFactory

pytestmark = pytest.mark.django_db


def html_of(journey, user) -> str:
    return document_html(journey_map_data(journey_map_head(user=user, pk=journey.pk)))


def test_print_has_steps_and_blueprint(workspace, editor):
    journey = JourneyFactory(workspace=workspace)
    stages = [
        services.stage_create(actor=editor, journey=journey, name=name)
        for name in ["Compare", "Courier", "Use"]
    ]
    assert '<tr class="steps-row">' not in html_of(journey, editor)
    services.stage_branch_create(actor=editor, stage=stages[1], name="Pick-up")
    services.step_optional_set(actor=editor, stage=stages[0], is_optional=True)
    services.lane_create(actor=editor, journey=journey, name="Systems", kind="support")
    services.lane_create(actor=editor, journey=journey, name="Thoughts", kind="thoughts")
    services.lane_create(actor=editor, journey=journey, name="Staff", kind="frontstage")
    html = html_of(journey, editor)
    assert 'colspan="2" class="step"' in html and "step--optional" in html
    order = [
        html.index(text)
        for text in ["Thoughts", "Line of interaction", "Staff", "Line of visibility", "Systems"]
    ]
    assert order == sorted(order)
