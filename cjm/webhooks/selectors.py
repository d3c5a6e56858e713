"""Reads of webhooks: only a workspace's admins see its subscriptions and their deliveries."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from cjm.core.permissions import has_role, role_of
from cjm.core.roles import Role
from cjm.core.tenancy import Membership
from cjm.core.typing import Reader
from cjm.webhooks.models import Delivery, Subscription

DELIVERY_LOG_SIZE = 50


def admin_workspace_ids(user: Reader) -> QuerySet:
    if user.pk is None:
        return Membership.objects.none().values("workspace_id")
    return Membership.objects.filter(user_id=user.pk, role=Role.ADMIN).values("workspace_id")


def subscription_list(*, user: Reader, workspace_id: int | None = None) -> QuerySet[Subscription]:
    qs = Subscription.objects.filter(workspace_id__in=admin_workspace_ids(user))
    if workspace_id is not None:
        qs = qs.filter(workspace_id=workspace_id)
    return qs.order_by("id")


def subscription_get(*, user: Reader, pk: int) -> Subscription:
    """404 outside the user's workspaces, 403 for a member below admin."""
    subscription = Subscription.objects.filter(pk=pk).select_related("workspace").first()
    if subscription is None or role_of(user, subscription.workspace_id) is None:
        raise Http404("No such webhook.")
    if not has_role(user, subscription.workspace_id, Role.ADMIN):
        raise PermissionDenied("Only the workspace's admins manage its webhooks.")
    return subscription


def delivery_list(*, subscription: Subscription) -> QuerySet[Delivery]:
    """The subscription's attempts, newest first (the caller has checked the admin)."""
    return Delivery.objects.filter(subscription=subscription).order_by("-id")
