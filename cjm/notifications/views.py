"""Browser pages: the notifications page (filters, mark one / all read with htmx, open an
entry), notification settings, and the members search behind @mention autocomplete."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_POST

from cjm.core.pages import add_service_errors
from cjm.core.scoping import workspace_get
from cjm.notifications import selectors, services
from cjm.notifications.kinds import Kind

PER_PAGE = 30


class FilterForm(forms.Form):
    unread = forms.BooleanField(label=gettext_lazy("Unread only"), required=False)
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        required=False,
        choices=[("", gettext_lazy("All kinds")), *Kind.choices],
    )


@login_required
@require_GET
def notification_page(request: HttpRequest) -> HttpResponse:
    form = FilterForm(request.GET)
    unread, kind = False, None
    if form.is_valid():
        unread, kind = form.cleaned_data["unread"], form.cleaned_data["kind"] or None
    qs = selectors.notification_list(user=request.user, unread=unread, kind=kind)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "notifications": list(page.object_list),
        "query": query.urlencode(),
        "filtered": bool(unread or kind),
    }
    status = 200 if form.is_valid() else 400
    return render(request, "notifications/notification_list.html", context, status=status)


@login_required
@require_POST
def notification_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    notification = selectors.notification_get(user=request.user, pk=notification_id)
    notification = services.notification_mark_read(actor=request.user, notification=notification)
    if request.htmx:
        response = render(request, "notifications/partials/_notification.html", {"n": notification})
        response["HX-Trigger"] = "notifications-changed"
        return response
    return redirect("notifications:list")


@login_required
@require_GET
def notification_open(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Follow an entry's link: it is read from now on."""
    notification = selectors.notification_get(user=request.user, pk=notification_id)
    services.notification_mark_read(actor=request.user, notification=notification)
    target = notification.url
    if not target or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect("notifications:list")
    return redirect(target)


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    marked = services.notifications_mark_all_read(actor=request.user)
    text = ngettext(
        "%(count)d notification marked as read.", "%(count)d notifications marked as read.", marked
    )
    messages.success(request, text % {"count": marked})
    return redirect("notifications:list")


@login_required
def bell(request: HttpRequest) -> HttpResponse:
    """The bell alone, counted (htmx loads it when the count is not cached, and swaps it after
    marking read)."""
    return render(
        request,
        "notifications/partials/_bell_link.html",
        {"unread": selectors.unread_count(user=request.user), "counted": True},
    )


class PreferencesForm(forms.Form):
    time_zone = forms.CharField(label=gettext_lazy("Time zone"), max_length=64)
    digest = forms.BooleanField(label=gettext_lazy("Daily digest by e-mail"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in Kind:
            self.fields[f"in_app_{kind.value}"] = forms.BooleanField(required=False)
            self.fields[f"email_{kind.value}"] = forms.BooleanField(required=False)

    def choices(self) -> dict[str, tuple[bool, bool]]:
        data = self.cleaned_data
        return {k.value: (data[f"in_app_{k.value}"], data[f"email_{k.value}"]) for k in Kind}


def _initial(prefs: dict) -> dict:
    initial = {"time_zone": prefs["time_zone"], "digest": prefs["digest"]}
    for row in prefs["kinds"]:
        initial[f"in_app_{row['kind']}"] = row["in_app"]
        initial[f"email_{row['kind']}"] = row["email"]
    return initial


@login_required
def preferences_page(request: HttpRequest) -> HttpResponse:
    prefs = selectors.preferences_get(user=request.user)
    form = PreferencesForm(request.POST or None, initial=_initial(prefs))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.notification_preferences_set(
                    actor=request.user,
                    choices=form.choices(),
                    time_zone=form.cleaned_data["time_zone"].strip(),
                    digest=form.cleaned_data["digest"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Notification settings saved."))
                return redirect("notifications:preferences")
        status = 400
    rows = [
        {
            "label": row["label"],
            "in_app": form[f"in_app_{row['kind']}"],
            "email": form[f"email_{row['kind']}"],
        }
        for row in prefs["kinds"]
    ]
    context = {"form": form, "rows": rows, "time_zones": selectors.time_zone_choices()}
    return render(request, "notifications/preferences.html", context, status=status)


@login_required
@require_GET
def member_search(request: HttpRequest, workspace_id: int) -> JsonResponse:
    """Members of one workspace for the @ box: ``?q=`` the start of a username or name."""
    workspace = workspace_get(user=request.user, pk=workspace_id)
    query = request.GET.get("q", "")[:50].replace("\x00", "")
    results = selectors.mention_candidates(workspace_id=workspace.pk, query=query)
    return JsonResponse({"results": results})
