"""The audit log's pages: the workspace's activity feed, one object's history (also the
touchpoint drawer's History tab) and "restore this value" (editors)."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cjm.core import changes
from cjm.core.display import display_name
from cjm.core.editor import int_or_none
from cjm.core.exceptions import StaleVersionError
from cjm.core.permissions import has_role, require_role
from cjm.core.roles import Role
from cjm.core.scoping import workspace_get, workspace_member_list
from cjm.history import presentation, selectors, services
from cjm.history.filters import ChangeRecordFilterSet
from cjm.history.models import SOURCE_CHOICES
from cjm.models import Journey

FEED_PAGE_SIZE = 50
HISTORY_SIZE = 100
HISTORY_PARTIAL = "history/partials/_object_history.html"
FILTERS = ("journey", "object_type", "actor", "source", "from", "to")


def _day(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


@login_required
@require_GET
def activity(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """What happened in the workspace, newest first, filtered by map, kind of object, person,
    door and dates."""
    workspace = workspace_get(user=request.user, pk=workspace_id)
    request.workspace = workspace
    data = request.GET.copy()
    data["workspace"] = str(workspace.pk)
    day_from, day_to = _day(request.GET.get("from", "")), _day(request.GET.get("to", ""))
    data.pop("since", None)
    data.pop("until", None)
    if day_from:
        data["since"] = f"{day_from.isoformat()}T00:00:00"
    if day_to:
        data["until"] = f"{day_to.isoformat()}T23:59:59.999999"
    filterset = ChangeRecordFilterSet(
        data, queryset=selectors.change_list(user=request.user), request=request, lenient=True
    )
    page = Paginator(filterset.qs, FEED_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    filtered = any(request.GET.get(name) for name in FILTERS)
    context = {
        "workspace": workspace,
        "page": page,
        "lines": presentation.lines_for(page.object_list),
        "query": query.urlencode(),
        "filtered": filtered,
        "values": {name: request.GET.get(name, "") for name in FILTERS},
        "journeys": list(
            Journey.objects.filter(workspace=workspace).order_by("title").values_list("pk", "title")
        ),
        "people": [
            (str(person.pk), display_name(person))
            for person in workspace_member_list(workspace_id=workspace.pk)
        ],
        "object_types": presentation.type_choices(),
        "sources": [(value, str(label)) for value, label in SOURCE_CHOICES],
        "errors": filterset.errors,
    }
    return render(request, "history/activity.html", context)


def _versions(lines) -> dict:
    """The current version of each object still there (the restore's version check), one
    query per kind of object on the page; objects without versions count as 0."""
    wanted: dict[str, set] = {}
    for line in lines:
        if any(field.restorable for field in line.fields):
            wanted.setdefault(line.record.object_type, set()).add(line.record.object_id)
    versions = {}
    for object_type, ids in wanted.items():
        model = services.RESTORERS[object_type].model
        has_version = any(field.name == "version" for field in model._meta.concrete_fields)
        rows = model._default_manager.filter(pk__in=ids)
        if has_version:
            for pk, version in rows.values_list("pk", "version"):
                versions[(object_type, pk)] = version
        else:
            for pk in rows.values_list("pk", flat=True):
                versions[(object_type, pk)] = 0
    for line in lines:
        line.version = versions.get((line.record.object_type, line.record.object_id))
    return versions


def history_context(request: HttpRequest, object_type: str, object_id: int) -> dict:
    if object_type not in changes.OBJECT_TYPES:
        raise Http404("No such kind of object.")
    workspace_id = selectors.object_workspace_id(
        user=request.user, object_type=object_type, object_id=object_id
    )
    can_restore = has_role(request.user, workspace_id, Role.EDITOR)
    records = selectors.object_change_list(
        user=request.user, workspace_id=workspace_id, object_type=object_type, object_id=object_id
    )[:HISTORY_SIZE]
    lines = presentation.lines_for(records, can_restore=can_restore)
    if can_restore:
        _versions(lines)
    newest = lines[0].record if lines else None
    own = next((line.record for line in lines if line.record.object_type == object_type), newest)
    return {
        "object_type": object_type,
        "object_id": object_id,
        "type_label": presentation.type_label(object_type),
        "object_repr": own.object_repr if own else "",
        "workspace_id": workspace_id,
        "lines": lines,
        "can_restore": can_restore,
        "history_url": request.get_full_path(),
    }


@login_required
@require_GET
def object_history(request: HttpRequest, object_type: str, object_id: int) -> HttpResponse:
    """One object's changes: the page, or the drawer's History tab when asked by htmx."""
    context = history_context(request, object_type, object_id)
    if request.htmx:
        return render(request, HISTORY_PARTIAL, context)
    request.workspace = workspace_get(user=request.user, pk=context["workspace_id"])
    context["workspace"] = request.workspace
    return render(request, "history/object_history.html", context)


@login_required
@require_POST
def change_restore(request: HttpRequest, record_id: int) -> HttpResponse:
    """Put one field back to the value it had before this change (editors), through the
    object's own service; the version the user saw must still be current."""
    record = selectors.change_get(user=request.user, pk=record_id)
    require_role(request.user, record.workspace_id, Role.EDITOR)
    field = request.POST.get("field", "")
    version = int_or_none(request.POST.get("version"))
    try:
        services.change_value_restore(
            actor=request.user, record=record, field=field, expected_version=version
        )
    except StaleVersionError:
        messages.error(
            request,
            _("Someone changed it meanwhile: look at its latest history before restoring."),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The earlier value is back."))
    if request.htmx:
        # The History tab again, of the object it shows (a touchpoint shows its actions' too).
        shown_type = request.POST.get("object_type", "")
        shown_id = int_or_none(request.POST.get("object_id"))
        if shown_type not in changes.OBJECT_TYPES or shown_id is None:
            shown_type, shown_id = record.object_type, record.object_id
        return render(request, HISTORY_PARTIAL, history_context(request, shown_type, shown_id))
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect(
        "cjm:object_history", object_type=record.object_type, object_id=record.object_id
    )
