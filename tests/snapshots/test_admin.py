"""The admin shows snapshots read-only: listed and viewable, never changed, added or deleted."""

import pytest
from django.urls import reverse

from cjm.snapshots.models import Snapshot
from cjm.snapshots.services import snapshot_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_admin_is_read_only(journey, editor, client):
    snapshot = snapshot_create(actor=editor, journey=journey, name="Frozen")
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    listed = client.get(reverse("admin:cjm_snapshots_snapshot_changelist"))
    assert listed.status_code == 200 and b"Frozen" in listed.content
    change = reverse("admin:cjm_snapshots_snapshot_change", args=[snapshot.pk])
    page = client.get(change)
    assert page.status_code == 200 and b'name="_save"' not in page.content
    assert client.post(change, {"name": "Thawed"}).status_code == 403
    assert client.get(reverse("admin:cjm_snapshots_snapshot_add")).status_code == 403
    assert (
        client.post(
            reverse("admin:cjm_snapshots_snapshot_delete", args=[snapshot.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert Snapshot.objects.get().name == "Frozen"
