"""Endpoints of workspaces, members, teams and the API token. They share the ``cjm-api``
namespace with the journeys' endpoints (``cjm-api:workspace-list``): cjm/api_urls.py mounts
both there."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from cjm.accounts.api.views.auth import TokenObtainView
from cjm.accounts.api.views.invitations import (
    InvitationAcceptView,
    InvitationDetailView,
    InvitationListView,
)
from cjm.accounts.api.views.workspaces import MemberViewSet, TeamViewSet, WorkspaceViewSet

router = SimpleRouter(use_regex_path=False)
router.register("workspaces", WorkspaceViewSet, basename="workspace")
router.register("teams", TeamViewSet, basename="team")

members = MemberViewSet.as_view({"get": "list", "post": "create"})
member = MemberViewSet.as_view(
    {"get": "retrieve", "put": "update", "patch": "partial_update", "delete": "destroy"}
)

urlpatterns = [
    path("auth/token/", TokenObtainView.as_view(), name="token"),
    path("workspaces/<int:workspace_id>/members/", members, name="membership-list"),
    path(
        "workspaces/<int:workspace_id>/members/<int:user_id>/",
        member,
        name="membership-detail",
    ),
    path(
        "workspaces/<int:workspace_id>/invitations/",
        InvitationListView.as_view(),
        name="invitation-list",
    ),
    path(
        "workspaces/<int:workspace_id>/invitations/<int:invitation_id>/",
        InvitationDetailView.as_view(),
        name="invitation-detail",
    ),
    path("invitations/accept/", InvitationAcceptView.as_view(), name="invitation-accept"),
    *router.urls,
]
