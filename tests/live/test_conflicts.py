"""A save refused by the version check names who changed it and offers theirs or mine; "use
mine" is the same form sent again with the version the refusal carried."""

import pytest
from django.urls import reverse

from cjm.services import stage_update
from tests.cjm.editor_helpers import HX
from tests.factories import JourneyFactory, StageFactory

pytestmark = pytest.mark.django_db


def test_conflict_offers_theirs_or_mine_and_mine_wins_with_the_new_version(
    client, workspace, editor, ws_admin
):
    ws_admin.first_name, ws_admin.last_name = "Alice", "Admin"
    ws_admin.save()
    stage = StageFactory(journey=JourneyFactory(workspace=workspace), name="Find")
    stage_update(actor=ws_admin, stage=stage, expected_version=stage.version, name="Theirs")
    stage.refresh_from_db()
    client.force_login(editor)
    url = reverse("cjm:stage_detail", args=[stage.pk])

    refused = client.post(url, {"name": "Mine", "version": stage.version - 1}, headers=HX)
    assert refused.status_code == 409
    html = refused.content.decode()
    assert "Alice Admin changed this" in html
    assert f'data-current-version="{stage.version}"' in html
    assert "data-conflict-theirs" in html and "Keep theirs" in html
    assert "data-conflict-mine" in html and "Use mine" in html

    again = client.post(url, {"name": "Mine", "version": stage.version}, headers=HX)
    assert again.status_code == 200
    stage.refresh_from_db()
    assert stage.name == "Mine"
