"""The browser pages: save a snapshot from the map, the list, the snapshot drawn like the map,
the compare page and the to-be emotion curve."""

import pytest
from django.urls import reverse

from cjm.choices import JourneyState, LaneKind
from cjm.services import journey_copy, lane_cell_set, stage_update
from cjm.snapshots.models import Snapshot
from cjm.snapshots.services import snapshot_create
from touchpoints.models import Touchpoint
from touchpoints.services import touchpoint_create, touchpoint_delete, touchpoint_update

pytestmark = pytest.mark.django_db


def test_the_map_toolbar_saves_a_snapshot(journey, editor, client):
    client.force_login(editor)
    page = client.get(reverse("cjm:journey_detail", kwargs={"journey_id": journey.pk}))
    assert b"Save snapshot" in page.content
    url = reverse("cjm:snapshot_list", kwargs={"journey_id": journey.pk})
    response = client.post(url, {"name": "Before the fix"})
    snapshot = Snapshot.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "cjm:snapshot_detail", kwargs={"snapshot_id": snapshot.pk}
    )
    assert snapshot.name == "Before the fix" and snapshot.created_by == editor
    listed = client.get(url)
    assert b"Before the fix" in listed.content


def test_viewer_sees_snapshots_but_cannot_save_or_delete(journey, editor, viewer, client):
    snapshot = snapshot_create(actor=editor, journey=journey, name="Kept")
    client.force_login(viewer)
    url = reverse("cjm:snapshot_list", kwargs={"journey_id": journey.pk})
    page = client.get(url)
    assert page.status_code == 200 and b"Kept" in page.content
    assert b'name="name"' not in page.content
    assert client.post(url, {"name": "No"}).status_code == 403
    delete = reverse("cjm:snapshot_delete", kwargs={"snapshot_id": snapshot.pk})
    assert client.post(delete).status_code == 403
    assert Snapshot.objects.count() == 1
    assert (
        b"Save snapshot"
        not in client.get(reverse("cjm:journey_detail", kwargs={"journey_id": journey.pk})).content
    )


def test_outsider_gets_404(journey, editor, outsider, client):
    snapshot = snapshot_create(actor=editor, journey=journey, name="Private")
    client.force_login(outsider)
    for url in (
        reverse("cjm:snapshot_list", kwargs={"journey_id": journey.pk}),
        reverse("cjm:snapshot_detail", kwargs={"snapshot_id": snapshot.pk}),
        reverse("cjm:journey_compare", kwargs={"journey_id": journey.pk}),
        reverse("cjm:tobe_curve", kwargs={"journey_id": journey.pk}),
    ):
        assert client.get(url).status_code == 404, url
    assert (
        client.post(reverse("cjm:snapshot_delete", kwargs={"snapshot_id": snapshot.pk})).status_code
        == 404
    )


def test_snapshot_page_shows_the_map_as_it_was(journey, editor, client):
    snapshot = snapshot_create(actor=editor, journey=journey, name="Spring")
    touchpoint_update(
        actor=editor, touchpoint=Touchpoint.objects.get(name="Checkout"), rating="excellent"
    )
    touchpoint_delete(actor=editor, touchpoint=Touchpoint.objects.get(name="Promo code"))
    stage_update(actor=editor, stage=journey.stages.get(name="Choose"), name="Browse")
    client.force_login(editor)
    page = client.get(reverse("cjm:snapshot_detail", kwargs={"snapshot_id": snapshot.pk}))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Snapshot “Spring” of" in html and f"by {editor.get_full_name()}" in html
    assert "Promo code" in html and "Choose" in html and "Browse" not in html
    assert 'class="tp tp--awful' in html  # Checkout as it was
    assert "Entered" in html  # the metrics lane with the frozen report
    assert "hx-post" not in html and "data-sortable-cards" not in html  # no edit controls


@pytest.mark.parametrize("extra", [0, 8])
def test_snapshot_page_query_count_is_constant(
    journey, editor, client, extra, django_assert_num_queries
):
    stage = journey.stages.order_by("position").first()
    for index in range(extra):
        touchpoint_create(actor=editor, stage=stage, name=f"Card {index}", rating="so_so")
    snapshot = snapshot_create(actor=editor, journey=journey, name="Big")
    client.force_login(editor)
    url = reverse("cjm:snapshot_detail", kwargs={"snapshot_id": snapshot.pk})
    client.get(url)
    # session, user, snapshot (+journey, workspace, author), role, the base template's workspaces
    with django_assert_num_queries(5):
        assert client.get(url).status_code == 200


def test_compare_page_marks_the_changes(journey, editor, owners, client):
    then = snapshot_create(actor=editor, journey=journey, name="Then")
    touchpoint_update(
        actor=editor, touchpoint=Touchpoint.objects.get(name="Checkout"), rating="so_so"
    )
    touchpoint_update(
        actor=editor, touchpoint=Touchpoint.objects.get(name="Courier call"), owner=owners["oleg"]
    )
    touchpoint_delete(actor=editor, touchpoint=Touchpoint.objects.get(name="Promo code"))
    touchpoint_create(actor=editor, stage=journey.stages.get(name="Receive"), name="Tracking page")
    client.force_login(editor)
    url = reverse("cjm:journey_compare", kwargs={"journey_id": journey.pk})
    html = client.get(url, {"from": then.pk, "to": "current"}).content.decode()
    assert "tp--added" in html and "Tracking page" in html
    assert "tp--removed" in html and "<s>Promo code</s>" in html
    assert "Awful → So-so" in html
    assert "— → Oleg K" in html
    assert "Per stage, then and now" in html
    assert client.get(url, {"from": "nope"}).status_code == 400


@pytest.mark.parametrize("extra", [0, 8])
def test_compare_page_query_count_is_constant(
    journey, editor, client, extra, django_assert_num_queries
):
    first = snapshot_create(actor=editor, journey=journey, name="First")
    stage = journey.stages.order_by("position").first()
    for index in range(extra):
        touchpoint_create(actor=editor, stage=stage, name=f"Card {index}")
    second = snapshot_create(actor=editor, journey=journey, name="Second")
    client.force_login(editor)
    url = reverse("cjm:journey_compare", kwargs={"journey_id": journey.pk})
    client.get(url, {"from": first.pk, "to": second.pk})
    # session, user, journey, snapshots, copies, two snapshots, base template's workspaces (2)
    with django_assert_num_queries(9):
        assert client.get(url, {"from": first.pk, "to": second.pk}).status_code == 200


def test_compare_page_with_a_future_state_copy(journey, editor, client):
    future = journey_copy(
        actor=editor, journey=journey, title="To-be map", state=JourneyState.FUTURE
    )
    copy_checkout = Touchpoint.objects.get(stage__journey=future, name="Checkout")
    touchpoint_update(actor=editor, touchpoint=copy_checkout, rating="excellent")
    client.force_login(editor)
    url = reverse("cjm:journey_compare", kwargs={"journey_id": journey.pk})
    html = client.get(url).content.decode()  # no snapshot yet: the future copy is chosen
    assert "To-be map" in html and "Awful → Excellent" in html


def test_tobe_curve_from_a_future_copy_and_a_snapshot(journey, editor, client):
    snapshot = snapshot_create(actor=editor, journey=journey, name="Old curve")
    future = journey_copy(actor=editor, journey=journey, title="Dream", state=JourneyState.FUTURE)
    emotions = future.lanes.get(kind=LaneKind.EMOTIONS)
    for stage, score in zip(future.stages.order_by("position"), (3, 1, 2), strict=True):
        lane_cell_set(actor=editor, lane=emotions, stage=stage, emotion_score=score)
    client.force_login(editor)
    url = reverse("cjm:tobe_curve", kwargs={"journey_id": journey.pk})
    sources = client.get(url).json()["sources"]
    assert [s["value"] for s in sources] == [f"journey:{future.pk}", f"snapshot:{snapshot.pk}"]
    curve = client.get(url, {"source": f"journey:{future.pk}"}).json()["stages"]
    stage_ids = list(journey.stages.order_by("position").values_list("pk", flat=True))
    assert [piece["stage"] for piece in curve] == stage_ids
    assert [piece["score"] for piece in curve] == [3, 1, 2]
    assert curve[0]["is_line"] is True and curve[0]["points"]
    old = client.get(url, {"source": f"snapshot:{snapshot.pk}"}).json()["stages"]
    assert [piece["score"] for piece in old] == [2, -2, 1]
    assert client.get(url, {"source": "bogus"}).status_code == 400
    assert client.get(url, {"source": "snapshot:999999"}).status_code == 404
    page = client.get(reverse("cjm:journey_detail", kwargs={"journey_id": journey.pk})).content
    assert b"data-tobe-curve" in page and b"js/snapshots.js" in page
