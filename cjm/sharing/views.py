"""Pages of sharing: a map's share panel (editors and admins), the shared map (anyone with the
link: read-only, optional password, ``?embed=1`` for an iframe) and "save as template"."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cjm.core.client import client_address
from cjm.core.permissions import has_role
from cjm.core.roles import Role
from cjm.selectors import journey_get

from . import services
from .forms import ShareLinkForm, SharePasswordForm, TemplateSaveForm
from .render import shared_map_context
from .selectors import (
    live_share_link_get,
    share_link_get,
    share_link_list,
    share_link_unlocked,
    shared_journey_get,
)

PASSWORD_ATTEMPTS = 10  # wrong passwords per link and address ...
PASSWORD_WINDOW = 15 * 60  # ... within this many seconds, then 429 until the window ends


def _editable_journey(request: HttpRequest, journey_id: int):
    """The journey for an editor or admin: 404 outside the user's workspaces, 403 for a
    viewer."""
    journey = journey_get(user=request.user, pk=journey_id)
    if not has_role(request.user, journey.workspace_id, Role.EDITOR):
        raise PermissionDenied
    request.workspace = journey.workspace
    return journey


def share_url(request: HttpRequest, link) -> str:
    return request.build_absolute_uri(reverse("cjm:shared_map", kwargs={"token": link.token}))


@login_required
@require_http_methods(["GET", "POST"])
def share_panel(request: HttpRequest, journey_id: int) -> HttpResponse:
    """The map's share links (who made each and when) and a form for a new one."""
    journey = _editable_journey(request, journey_id)
    form = ShareLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.share_link_create(actor=request.user, journey=journey, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The share link is ready: copy it from the list."))
            return redirect("cjm:share_panel", journey_id=journey.pk)
    links = list(share_link_list(user=request.user, journey=journey))
    for link in links:
        link.url = share_url(request, link)
    context = {
        "journey": journey,
        "workspace": journey.workspace,
        "links": links,
        "form": form,
        "template_form": TemplateSaveForm(initial={"name": journey.title}),
    }
    return render(request, "sharing/share_panel.html", context)


@login_required
@require_POST
def share_link_revoke(request: HttpRequest, link_id: int) -> HttpResponse:
    link = share_link_get(user=request.user, pk=link_id)
    services.share_link_revoke(actor=request.user, link=link)
    messages.success(request, _("The link is revoked: it no longer opens the map."))
    return redirect("cjm:share_panel", journey_id=link.journey_id)


@login_required
@require_POST
def template_save(request: HttpRequest, journey_id: int) -> HttpResponse:
    """Save the map's structure as a template of its workspace."""
    journey = _editable_journey(request, journey_id)
    form = TemplateSaveForm(request.POST)
    if form.is_valid():
        services.journey_template_save(
            actor=request.user, journey=journey, name=form.cleaned_data["name"]
        )
        messages.success(request, _("Saved as a template of this workspace."))
    else:
        messages.error(request, _("Give the template a name."))
    return redirect("cjm:share_panel", journey_id=journey.pk)


# --- The shared map (anonymous) --------------------------------------------------------------


def _unlock_value(link) -> str:
    """What the session keeps once the password was right: signed, and void when the password
    changes (``selectors.share_link_unlocked`` checks it, for this page and the live socket)."""
    return salted_hmac("cjm.sharing.unlock", f"{link.token}:{link.password}").hexdigest()


def _session_key(link) -> str:
    return f"cjm_share_unlocked_{link.pk}"


def _unlocked(request: HttpRequest, link) -> bool:
    return share_link_unlocked(session=request.session, link=link)


def _attempts_key(request: HttpRequest, link) -> str:
    address = client_address(request)
    return f"cjm:share-password:{link.pk}:{address}"


@require_http_methods(["GET", "HEAD", "POST"])
def shared_map(request: HttpRequest, token: str) -> HttpResponse:
    """The map of a live link, read-only; a password form first when the link has one.
    Revoked, expired or unknown: 404."""
    link = live_share_link_get(token=token)
    embed = request.GET.get("embed") == "1"
    if _unlocked(request, link):
        journey = shared_journey_get(link=link)
        context = {**shared_map_context(journey), "embed": embed, "token": token}
        response = render(request, "sharing/shared_map.html", context)
    else:
        response = _password_page(request, link, embed)
    return shared_headers(response, embed=embed)


def _password_page(request: HttpRequest, link, embed: bool) -> HttpResponse:
    form = SharePasswordForm(request.POST or None)
    status = 200
    if request.method == "POST":
        key = _attempts_key(request, link)
        cache.add(key, 0, PASSWORD_WINDOW)
        if cache.get(key, 0) >= PASSWORD_ATTEMPTS:
            form = SharePasswordForm({})
            form.is_valid()
            form.errors.clear()
            form.add_error(None, _("Too many attempts. Try again in a few minutes."))
            status = 429
        elif form.is_valid() and services.share_link_password_ok(
            link, form.cleaned_data["password"]
        ):
            request.session[_session_key(link)] = _unlock_value(link)
            return redirect(request.get_full_path())
        else:
            try:
                cache.incr(key)
            except ValueError:  # the window ended between add() and incr()
                cache.set(key, 1, PASSWORD_WINDOW)
            form.add_error("password", _("Wrong password."))
            status = 400
    context = {"form": form, "embed": embed}
    return render(request, "sharing/shared_password.html", context, status=status)


def shared_headers(response: HttpResponse, *, embed: bool) -> HttpResponse:
    """Headers of every answer of a share link: no referrer, not indexed; the embed variant
    may be framed by any site (every other page keeps X-Frame-Options: DENY)."""
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    if embed:
        response.xframe_options_exempt = True
        response.csp_frame_ancestors = "*"  # cjm.core.security: the rest of the policy stays
    return response
