"""Writes in the admin go through the services: history, positions, done dates, the last-admin
rule, workspace checks of choices; a refused write is a message, never a 500."""

from django.urls import reverse

from cjm.choices import Role
from cjm.models import Journey, Lane, Membership, Stage, Team, Workspace
from personas.models import Persona
from tests.admin.helpers import login, post_data, url
from tests.factories import (
    ChannelFactory,
    LaneFactory,
    MembershipFactory,
    StageFactory,
)
from touchpoints.choices import ActionStatus, Rating
from touchpoints.models import Channel, Comment, ImprovementAction, RatingChange, Touchpoint


def test_rating_changed_in_admin_is_recorded(client, staff_admin, two_workspaces):
    mine, _theirs = two_workspaces
    login(client, staff_admin)
    page = client.get(url(Touchpoint, "change", mine.pk))
    data = post_data(page) | {"rating": Rating.EXCELLENT}
    response = client.post(url(Touchpoint, "change", mine.pk), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    mine.refresh_from_db()
    assert mine.rating == Rating.EXCELLENT
    assert mine.version == 2
    change = mine.rating_changes.first()
    assert (change.from_rating, change.to_rating, change.changed_by) == (
        Rating.UNRATED,
        Rating.EXCELLENT,
        staff_admin,
    )


def test_superuser_rating_change_is_noted(client, superuser, two_workspaces):
    _mine, theirs = two_workspaces
    login(client, superuser)
    data = post_data(client.get(url(Touchpoint, "change", theirs.pk))) | {"rating": "so_so"}
    assert client.post(url(Touchpoint, "change", theirs.pk), data).status_code == 302
    change = theirs.rating_changes.first()
    assert change.to_rating == "so_so"
    assert change.changed_by is None
    assert "root" in change.note


def test_action_marked_done_in_touchpoint_inline_gets_done_date(
    client, staff_admin, two_workspaces
):
    mine, _theirs = two_workspaces
    login(client, staff_admin)
    data = post_data(client.get(url(Touchpoint, "change", mine.pk)))
    data["actions-0-status"] = ActionStatus.DONE
    assert client.post(url(Touchpoint, "change", mine.pk), data).status_code == 302
    action = mine.actions.get()
    assert action.status == ActionStatus.DONE
    assert action.done_at is not None


def test_touchpoint_added_in_admin_goes_last(client, staff_admin, two_workspaces):
    mine, _theirs = two_workspaces
    login(client, staff_admin)
    data = post_data(client.get(url(Touchpoint, "add")))
    data |= {"stage": mine.stage_id, "name": "Call centre", "importance": 7, "rating": "awful"}
    response = client.post(url(Touchpoint, "add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    added = Touchpoint.objects.get(name="Call centre")
    assert added.position == 1
    assert added.rating_changes.get().to_rating == "awful"


def test_stage_added_in_journey_inline_goes_last(client, staff_admin, two_workspaces):
    mine, _theirs = two_workspaces
    journey = mine.stage.journey
    login(client, staff_admin)
    data = post_data(client.get(url(Journey, "change", journey.pk)))
    data |= {"stages-TOTAL_FORMS": "2", "stages-1-name": "Delivery", "stages-1-journey": ""}
    response = client.post(url(Journey, "change", journey.pk), data)
    assert response.status_code == 302
    assert list(journey.stages.values_list("name", "position")) == [
        ("Mine stage", 0),
        ("Delivery", 1),
    ]


def test_touchpoint_from_another_workspace_channel_is_refused(
    client, staff_admin, workspace, two_workspaces
):
    mine, _theirs = two_workspaces
    second = Workspace.objects.create(name="Second brand", slug="second")
    MembershipFactory(workspace=second, user=staff_admin, role=Role.ADMIN)
    foreign_channel = ChannelFactory(workspace=second)
    login(client, staff_admin)
    data = post_data(client.get(url(Touchpoint, "change", mine.pk)))
    data["channel"] = foreign_channel.pk
    response = client.post(url(Touchpoint, "change", mine.pk), data)
    assert response.status_code == 200
    assert "channel" in response.context["adminform"].form.errors


def test_last_admin_cannot_be_demoted(client, staff_admin, workspace, two_workspaces):
    membership = Membership.objects.get(workspace=workspace, user=staff_admin)
    login(client, staff_admin)
    data = post_data(client.get(url(Membership, "change", membership.pk))) | {"role": "viewer"}
    response = client.post(url(Membership, "change", membership.pk), data)
    assert response.status_code == 200
    assert "role" in response.context["adminform"].form.errors
    membership.refresh_from_db()
    assert membership.role == Role.ADMIN


def test_mark_critical_and_mark_done_actions(client, staff_admin, two_workspaces):
    mine, theirs = two_workspaces
    login(client, staff_admin)
    response = client.post(
        url(Touchpoint, "changelist"),
        {"action": "mark_critical", "_selected_action": [mine.pk, theirs.pk]},
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.is_critical and mine.version == 2
    assert not theirs.is_critical  # not in her list: the selection is scoped
    action = mine.actions.get()
    client.post(
        url(ImprovementAction, "changelist"),
        {"action": "mark_done", "_selected_action": [action.pk]},
    )
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE
    assert action.done_at is not None


def test_deleting_a_stage_closes_the_gap(client, staff_admin, two_workspaces):
    mine, _theirs = two_workspaces
    journey = mine.stage.journey
    second = StageFactory(journey=journey, name="Second")
    login(client, staff_admin)
    response = client.post(url(Stage, "delete", mine.stage_id), {"post": "yes"})
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.position == 0


def test_workspace_added_in_admin_makes_its_creator_admin(client, staff_admin, two_workspaces):
    login(client, staff_admin)
    data = post_data(client.get(url(Workspace, "add"))) | {"name": "New brand", "slug": "new"}
    data |= {"teams-TOTAL_FORMS": "1", "teams-0-name": "Support"}
    response = client.post(url(Workspace, "add"), data)
    assert response.status_code == 302
    workspace = Workspace.objects.get(slug="new")
    assert workspace.memberships.get().user == staff_admin
    assert workspace.memberships.get().role == Role.ADMIN
    assert list(workspace.teams.values_list("name", flat=True)) == ["Support"]
    assert client.get(url(Workspace, "change", workspace.pk)).status_code == 200


def test_team_members_must_belong_to_the_workspace(client, superuser, outsider, two_workspaces):
    team = Team.objects.get(name="Mine team")
    login(client, superuser)
    data = post_data(client.get(url(Team, "change", team.pk)))
    data["members"] = [*data["members"], outsider.pk]
    response = client.post(url(Team, "change", team.pk), data)
    assert response.status_code == 200
    assert "members" in response.context["adminform"].form.errors
    assert outsider not in team.members.all()


def test_persona_channels_must_belong_to_the_workspace(client, superuser, two_workspaces):
    persona = Persona.objects.get(name="Mine persona")
    foreign = Channel.objects.get(name="Theirs channel")
    login(client, superuser)
    data = post_data(client.get(url(Persona, "change", persona.pk)))
    data["preferred_channels"] = [foreign.pk]
    response = client.post(url(Persona, "change", persona.pk), data)
    assert response.status_code == 200
    assert "preferred_channels" in response.context["adminform"].form.errors
    data["preferred_channels"] = []
    data["quote"] = "Just let me pay"
    assert client.post(url(Persona, "change", persona.pk), data).status_code == 302
    persona.refresh_from_db()
    assert (persona.quote, persona.version, persona.preferred_channels.count()) == (
        "Just let me pay",
        2,
        0,
    )


def test_comment_needs_exactly_one_target(client, superuser, two_workspaces):
    login(client, superuser)
    response = client.post(url(Comment, "add"), {"body": "Where does this go?"})
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors()


def test_admin_index(client, superuser, staff_admin, two_workspaces):
    for user in (superuser, staff_admin):
        login(client, user)
        assert client.get(reverse("admin:index")).status_code == 200


def test_deleting_a_journey_takes_its_history_along(client, staff_admin, two_workspaces):
    mine, _theirs = two_workspaces
    journey = mine.stage.journey
    LaneFactory(journey=journey, kind="touchpoints", name="Touchpoints")
    login(client, staff_admin)
    assert client.get(url(Journey, "delete", journey.pk)).status_code == 200
    assert client.post(url(Journey, "delete", journey.pk), {"post": "yes"}).status_code == 302
    assert not Touchpoint.objects.filter(pk=mine.pk).exists()
    assert not RatingChange.objects.filter(touchpoint_id=mine.pk).exists()


def test_superuser_deletes_a_workspace_with_its_members(client, superuser, two_workspaces):
    _mine, theirs = two_workspaces
    workspace = theirs.stage.journey.workspace
    login(client, superuser)
    assert client.post(url(Workspace, "delete", workspace.pk), {"post": "yes"}).status_code == 302
    assert not Workspace.objects.filter(pk=workspace.pk).exists()


def test_workspace_admin_may_not_delete_a_workspace(client, staff_admin, workspace, two_workspaces):
    login(client, staff_admin)
    assert client.post(url(Workspace, "delete", workspace.pk), {"post": "yes"}).status_code == 403


def test_touchpoints_lane_is_not_deleted(client, staff_admin, two_workspaces):
    mine, _theirs = two_workspaces
    lane = LaneFactory(journey=mine.stage.journey, kind="touchpoints", name="Touchpoints")
    login(client, staff_admin)
    assert client.post(url(Lane, "delete", lane.pk), {"post": "yes"}).status_code == 403
    assert Lane.objects.filter(pk=lane.pk).exists()


def test_workspace_page_keeps_an_admin(client, staff_admin, editor, workspace, two_workspaces):
    login(client, staff_admin)
    page = client.get(url(Workspace, "change", workspace.pk))
    data = post_data(page)
    rows = {
        data[f"memberships-{index}-id"]: index
        for index in range(int(data["memberships-TOTAL_FORMS"]))
    }
    mine = rows[Membership.objects.get(workspace=workspace, user=staff_admin).pk]
    theirs = rows[Membership.objects.get(workspace=workspace, user=editor).pk]
    response = client.post(
        url(Workspace, "change", workspace.pk), data | {f"memberships-{mine}-role": "viewer"}
    )
    assert response.status_code == 200
    assert Membership.objects.get(workspace=workspace, user=staff_admin).role == Role.ADMIN
    # Handing over in one go works: the promotion is written before the demotion.
    data |= {f"memberships-{mine}-role": "viewer", f"memberships-{theirs}-role": "admin"}
    assert client.post(url(Workspace, "change", workspace.pk), data).status_code == 302
    assert Membership.objects.get(workspace=workspace, user=editor).role == Role.ADMIN
    assert Membership.objects.get(workspace=workspace, user=staff_admin).role == Role.VIEWER


def test_service_refusal_is_a_message_not_a_500(client, staff_admin, two_workspaces, monkeypatch):
    from django.core.exceptions import ValidationError

    from touchpoints import services

    def refuse(**kwargs):
        raise ValidationError("Somebody else changed this touchpoint.")

    mine, _theirs = two_workspaces
    login(client, staff_admin)
    data = post_data(client.get(url(Touchpoint, "change", mine.pk))) | {"name": "Renamed"}
    monkeypatch.setattr(services, "touchpoint_update", refuse)
    response = client.post(url(Touchpoint, "change", mine.pk), data, follow=True)
    assert response.status_code == 200
    assert "Somebody else changed this touchpoint." in response.content.decode()
    mine.refresh_from_db()
    assert mine.name == "Mine touchpoint"
