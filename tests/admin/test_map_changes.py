"""Writes in the admin are recorded as coming from the admin and change the map's ETag."""

from cjm.core import changes
from tests.admin.helpers import login, post_data, url
from tests.api.conftest import token_client
from touchpoints.choices import Rating
from touchpoints.models import Touchpoint


def test_a_rating_changed_in_the_admin_changes_the_map_tag(client, staff_admin, two_workspaces):
    mine, _theirs = two_workspaces
    map_url = f"/api/v1/journeys/{mine.stage.journey_id}/"
    api = token_client(staff_admin)
    etag = api.get(map_url)["ETag"]
    login(client, staff_admin)
    data = post_data(client.get(url(Touchpoint, "change", mine.pk))) | {"rating": Rating.EXCELLENT}
    with changes.capture() as recorded:
        response = client.post(url(Touchpoint, "change", mine.pk), data)
    assert response.status_code == 302
    touchpoint_changes = [c for c in recorded if c.object_type == "touchpoint"]
    assert [(c.verb, c.source, c.actor) for c in touchpoint_changes] == [
        ("updated", "admin", staff_admin)
    ]
    assert touchpoint_changes[0].fields["rating"]["new"] == Rating.EXCELLENT
    after = api.get(map_url, HTTP_IF_NONE_MATCH=etag)
    assert after.status_code == 200 and after["ETag"] != etag
    assert after.json()["stages"][0]["touchpoints"][0]["rating"] == Rating.EXCELLENT
