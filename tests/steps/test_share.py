"""The shared (read-only) map shows step headers and the blueprint lanes with their lines,
without any of the editor's step menus or handles."""

import pytest
from django.urls import reverse

from cjm import services
from cjm.sharing.services import share_link_create
from tests.factories import JourneyFactory

pytestmark = pytest.mark.django_db


def test_shared_map_shows_steps_and_blueprint(client, workspace, editor):
    journey = JourneyFactory(workspace=workspace)
    order = services.stage_create(actor=editor, journey=journey, name="Order")
    services.stage_create(actor=editor, journey=journey, name="Use")
    services.stage_branch_create(actor=editor, stage=order, name="Call the shop")
    services.lane_create(actor=editor, journey=journey, name="Staff", kind="frontstage")
    link = share_link_create(actor=editor, journey=journey)
    html = client.get(reverse("cjm:shared_map", kwargs={"token": link.token})).content.decode()
    assert "Step 1" in html and "2 alternatives" in html
    assert "Line of interaction" in html and "Staff" in html
    assert "Add alternative" not in html and "step-handle" not in html
