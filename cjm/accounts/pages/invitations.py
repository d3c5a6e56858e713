"""Joining by invitation: the link's page (``/invitations/<token>/``) and the open sign-up.

Signed in: one button joins. Not signed in: sign in (and come back), or create an account with
a username, name and password, which joins at once and signs in. An accepted, revoked or expired
invitation shows a plain page with status 410.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from cjm.accounts import services
from cjm.accounts.forms import OpenSignupForm, SignupForm, add_service_errors
from cjm.accounts.selectors.people import invitation_get_by_token

BACKEND = "django.contrib.auth.backends.ModelBackend"


def _gone(request: HttpRequest, invitation) -> HttpResponse:
    return render(request, "accounts/invitation_gone.html", {"invitation": invitation}, status=410)


def _joined(request: HttpRequest, membership) -> HttpResponse:
    messages.success(request, _("Welcome! You joined %(name)s.") % {"name": membership.workspace})
    return redirect("cjm:workspace_detail", workspace_id=membership.workspace_id)


@never_cache
def invitation_detail(request: HttpRequest, token: str) -> HttpResponse:
    invitation = invitation_get_by_token(token=token)
    if invitation is None:
        raise Http404("No such invitation.")
    if invitation.status != "pending":
        return _gone(request, invitation)
    form = SignupForm()
    status = 200
    if request.method == "POST":
        try:
            if request.user.is_authenticated:
                return _joined(request, services.invitation_accept(user=request.user, token=token))
            form = SignupForm(request.POST)
            if form.is_valid():
                data = form.cleaned_data
                try:
                    with transaction.atomic():
                        user, membership = services.invitation_signup(
                            token=token,
                            username=data["username"],
                            password=data["password1"],
                            first_name=data["first_name"],
                            last_name=data["last_name"],
                        )
                except ValidationError as error:
                    add_service_errors(form, error, {"password": "password1"})  # nosec B105
                else:
                    login(request, user, backend=BACKEND)
                    return _joined(request, membership)
            status = 400
        except services.InvitationGone as gone:
            return _gone(request, gone.invitation)
    context = {"invitation": invitation, "form": form}
    return render(request, "accounts/invitation.html", context, status=status)


@never_cache
def signup(request: HttpRequest) -> HttpResponse:
    """Open sign-up, only when ``CJM_OPEN_SIGNUP`` is on (otherwise accounts come from
    invitations)."""
    if not settings.CJM_OPEN_SIGNUP:
        raise Http404("Sign-up is by invitation only.")
    if request.user.is_authenticated:
        return redirect("home")
    form = OpenSignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.user_signup(
                username=data["username"],
                password=data["password1"],
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
            )
        except ValidationError as error:
            add_service_errors(form, error, {"password": "password1"})  # nosec B105
        else:
            login(request, user, backend=BACKEND)
            return redirect("home")
    status = 400 if form.errors else 200
    return render(request, "accounts/signup.html", {"form": form}, status=status)
