"""The register's bulk-assign: an owner and/or an owner team for the selected touchpoints, or for
every touchpoint matching the register's filters (editors; ``touchpoints.bulk``)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cjm.core.pages import workspace_page
from cjm.core.scoping import workspace_member_list, workspace_team_list
from touchpoints.bulk import KEEP, touchpoint_bulk_assign
from touchpoints.views.register import filtered

CLEAR = "none"


def _choice(value: str, options):
    """ "" keeps the field, "none" clears it, an id picks one of ``options`` (else None: bad)."""
    if value == "":
        return KEEP
    if value == CLEAR:
        return None
    found = options.filter(pk=value).first() if value.isdigit() else None
    if found is None:
        raise ValidationError(_("Choose one of the offered values."))
    return found


@login_required
@require_POST
def touchpoint_bulk_assign_view(request: HttpRequest, workspace_id: int) -> HttpResponse:
    context = workspace_page(request, workspace_id)
    workspace = context["workspace"]
    if not context["can_edit"]:
        raise PermissionDenied("Your role in this workspace does not allow this.")
    query = QueryDict(request.POST.get("query", ""), mutable=True)
    query.pop("page", None)
    back = reverse("touchpoints:touchpoint_list", kwargs={"workspace_id": workspace.pk})
    back += "?" + urlencode(query, doseq=True) if query else ""
    if request.POST.get("all_matching"):
        ids = filtered(request, workspace, query).qs.order_by().values("pk")
    else:
        ids = [int(v) for v in request.POST.getlist("touchpoint") if v.isdigit()]
    if not ids:
        messages.error(request, _("Select touchpoints first."))
        return redirect(back)
    try:
        owner = _choice(
            request.POST.get("owner", ""), workspace_member_list(workspace_id=workspace.pk)
        )
        team = _choice(request.POST.get("team", ""), workspace_team_list(workspace_id=workspace.pk))
        count = touchpoint_bulk_assign(
            actor=request.user, workspace=workspace, touchpoint_ids=ids, owner=owner, team=team
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Touchpoints changed: %(count)d.") % {"count": count})
    return redirect(back)
