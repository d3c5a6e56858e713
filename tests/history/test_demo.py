"""``seed_demo`` writes through the services: the demo workspace's feed is full and readable."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from cjm.history.models import ChangeRecord
from cjm.models import Membership, Workspace


@pytest.mark.django_db
def test_the_demo_feed_is_not_empty(client):
    call_command("seed_demo", "--no-history", stdout=StringIO())
    workspace = Workspace.objects.get(slug="demo")
    records = ChangeRecord.objects.filter(workspace=workspace)
    assert records.filter(object_type="touchpoint").exists()
    assert records.filter(object_type="journey").exists()
    member = Membership.objects.filter(workspace=workspace).select_related("user").first().user
    client.force_login(member)
    response = client.get(reverse("cjm:activity", args=[workspace.pk]))
    assert response.status_code == 200
    assert len(response.context["lines"]) == 50
    assert all(line.sentence for line in response.context["lines"])
    assert response.context["page"].paginator.count == records.count()
