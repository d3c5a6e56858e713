"""Admin pages: every model opens for a superuser, workspace admins see only their workspaces,
and list pages run a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cjm.choices import Role
from cjm.models import Journey, Membership, Workspace
from tests.admin.helpers import MODELS, build_workspace_data, login, url
from tests.factories import (
    ChannelFactory,
    JourneyFactory,
    StageFactory,
    TeamFactory,
    TouchpointFactory,
    UserFactory,
)
from touchpoints.models import RatingChange, Touchpoint

# --- Superusers ------------------------------------------------------------------------------


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_superuser_opens_every_list_add_and_change_page(client, superuser, two_workspaces, model):
    login(client, superuser)
    assert client.get(url(model, "changelist")).status_code == 200
    assert client.get(url(model, "changelist"), {"q": "Mine"}).status_code == 200
    if model is not RatingChange:
        assert client.get(url(model, "add")).status_code == 200
    obj = model.objects.first()
    assert client.get(url(model, "change", obj.pk)).status_code == 200


def test_superuser_sees_every_workspace(client, superuser, two_workspaces):
    login(client, superuser)
    page = client.get(url(Touchpoint, "changelist")).content.decode()
    assert "Mine touchpoint" in page
    assert "Theirs touchpoint" in page


# --- Workspace scoping -----------------------------------------------------------------------


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_workspace_admin_sees_only_own_workspace(client, staff_admin, two_workspaces, model):
    login(client, staff_admin)
    response = client.get(url(model, "changelist"))
    assert response.status_code == 200
    shown = list(response.context["cl"].result_list)
    assert shown
    workspace_ids = {Workspace.objects.get(name="Acme Store").pk}
    from cjm.core.admin import workspace_ids_of

    assert all(workspace_ids_of(obj) <= workspace_ids for obj in shown)


def test_workspace_admin_journeys_and_touchpoints(client, staff_admin, two_workspaces):
    login(client, staff_admin)
    for model, mine, theirs in [
        (Touchpoint, "Mine touchpoint", "Theirs touchpoint"),
        (Journey, "Mine journey", "Theirs journey"),
    ]:
        page = client.get(url(model, "changelist")).content.decode()
        assert mine in page
        assert theirs not in page
    # The workspace filter offers only her workspace.
    page = client.get(url(Touchpoint, "changelist")).content.decode()
    assert "Other Brand" not in page


@pytest.mark.parametrize("view", ["change", "delete", "history"])
def test_workspace_admin_cannot_open_other_workspace_object(
    client, staff_admin, two_workspaces, view
):
    _mine, theirs = two_workspaces
    login(client, staff_admin)
    for obj in [theirs, theirs.stage.journey, theirs.stage.journey.workspace]:
        response = client.get(url(type(obj), view, obj.pk))
        assert response.status_code in (302, 403, 404)
        if response.status_code == 302:
            assert response.url == reverse("admin:index")


def test_workspace_admin_cannot_change_other_workspace_object(client, staff_admin, two_workspaces):
    _mine, theirs = two_workspaces
    login(client, staff_admin)
    response = client.post(url(Touchpoint, "change", theirs.pk), {"name": "Hacked"})
    assert response.status_code in (302, 403, 404)
    theirs.refresh_from_db()
    assert theirs.name == "Theirs touchpoint"


def test_model_admin_permissions_follow_the_workspace(rf, staff_admin, two_workspaces):
    from django.contrib import admin

    mine, theirs = two_workspaces
    request = rf.get("/admin/")
    request.user = staff_admin
    model_admin = admin.site._registry[Touchpoint]
    assert model_admin.has_change_permission(request, mine)
    assert not model_admin.has_change_permission(request, theirs)
    assert not model_admin.has_delete_permission(request, theirs)
    assert not model_admin.has_view_permission(request, theirs)


def test_choices_are_limited_to_own_workspaces(client, staff_admin, outsider, two_workspaces):
    login(client, staff_admin)
    form = client.get(url(Touchpoint, "add")).context["adminform"].form
    owners = set(form.fields["owner"].queryset)
    assert staff_admin in owners
    assert outsider not in owners
    stages = {stage.name for stage in form.fields["stage"].queryset}
    assert stages == {"Mine stage"}
    # The autocomplete behind the stage field answers from the scoped list too.
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "touchpoints", "model_name": "touchpoint", "field_name": "stage"},
    )
    assert [row["text"] for row in response.json()["results"]] == ["Mine stage"]


def test_staff_who_is_not_workspace_admin_sees_nothing(client, editor, two_workspaces):
    editor.is_staff = True
    editor.save()
    login(client, editor)
    assert client.get(url(Touchpoint, "changelist")).status_code == 403
    assert not client.get(reverse("admin:index")).context["app_list"]


# --- Query counts ----------------------------------------------------------------------------


def count_queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("who", ["staff_admin", "superuser"])
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_list_query_count_does_not_grow_with_rows(request, client, workspace, model, who):
    user = request.getfixturevalue(who)
    member = request.getfixturevalue("staff_admin")
    login(client, user)
    build_workspace_data(workspace, member, "First")
    small = count_queries(client, url(model, "changelist"))
    for index in range(3):
        other = UserFactory()
        Membership.objects.create(workspace=workspace, user=other, role=Role.EDITOR)
        build_workspace_data(workspace, other, f"More {index}")
    assert count_queries(client, url(model, "changelist")) == small


def test_touchpoint_list_query_count_at_two_sizes(
    client, staff_admin, workspace, django_assert_max_num_queries
):
    login(client, staff_admin)
    for size in (2, 20):
        stage = StageFactory(journey=JourneyFactory(workspace=workspace))
        for _ in range(size):
            owner = UserFactory()
            Membership.objects.create(workspace=workspace, user=owner, role=Role.EDITOR)
            TouchpointFactory(
                stage=stage,
                owner=owner,
                channel=ChannelFactory(workspace=workspace),
                team=TeamFactory(workspace=workspace),
            )
        with django_assert_max_num_queries(14):
            assert client.get(url(Touchpoint, "changelist")).status_code == 200
