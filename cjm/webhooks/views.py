"""The workspace's webhook settings (admins): the subscriptions, a form to add one, and per
subscription its delivery log, a "send test ping" button, pause/resume and delete."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cjm.core.permissions import require_role
from cjm.core.roles import Role
from cjm.core.scoping import workspace_get
from cjm.webhooks import selectors, services
from cjm.webhooks.forms import SubscriptionForm


@login_required
def webhook_list(request: HttpRequest, workspace_id: int) -> HttpResponse:
    workspace = workspace_get(user=request.user, pk=workspace_id)
    require_role(request.user, workspace.pk, Role.ADMIN)
    request.workspace = workspace
    form = SubscriptionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                subscription = services.subscription_create(
                    actor=request.user, workspace=workspace, **form.cleaned_data
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                if not form.cleaned_data["secret"]:
                    request.session["webhook_new_secret"] = [subscription.pk, subscription.secret]
                messages.success(request, _("Webhook added."))
                return redirect("cjm:webhook_detail", webhook_id=subscription.pk)
        status = 400
    context = {
        "workspace": workspace,
        "subscriptions": selectors.subscription_list(user=request.user, workspace_id=workspace.pk),
        "form": form,
    }
    return render(request, "webhooks/webhook_list.html", context, status=status)


@login_required
def webhook_detail(request: HttpRequest, webhook_id: int) -> HttpResponse:
    subscription = selectors.subscription_get(user=request.user, pk=webhook_id)
    request.workspace = subscription.workspace
    new_secret = request.session.pop("webhook_new_secret", None)
    context = {
        "workspace": subscription.workspace,
        "subscription": subscription,
        "deliveries": selectors.delivery_list(subscription=subscription)[
            : selectors.DELIVERY_LOG_SIZE
        ],
        "new_secret": new_secret[1] if new_secret and new_secret[0] == subscription.pk else "",
    }
    return render(request, "webhooks/webhook_detail.html", context)


@login_required
@require_POST
def webhook_ping(request: HttpRequest, webhook_id: int) -> HttpResponse:
    subscription = selectors.subscription_get(user=request.user, pk=webhook_id)
    services.subscription_ping(actor=request.user, subscription=subscription)
    messages.success(request, _("Test ping sent: its result is in the log below."))
    return redirect("cjm:webhook_detail", webhook_id=subscription.pk)


@login_required
@require_POST
def webhook_toggle(request: HttpRequest, webhook_id: int) -> HttpResponse:
    subscription = selectors.subscription_get(user=request.user, pk=webhook_id)
    try:
        services.subscription_update(
            actor=request.user, subscription=subscription, is_active=not subscription.is_active
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("cjm:webhook_detail", webhook_id=subscription.pk)


@login_required
@require_POST
def webhook_delete(request: HttpRequest, webhook_id: int) -> HttpResponse:
    subscription = selectors.subscription_get(user=request.user, pk=webhook_id)
    workspace_id = subscription.workspace_id
    services.subscription_delete(actor=request.user, subscription=subscription)
    messages.success(request, _("Webhook deleted."))
    return redirect("cjm:webhook_list", workspace_id=workspace_id)
