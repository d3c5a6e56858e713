"""Comments in the touchpoint drawer (htmx). Viewers may comment: discussion is not editing.

``touchpoints/<id>/comments/`` adds a comment (POST); ``comments/<id>/`` deletes one (DELETE:
authors their own, editors any). Each answers with the drawer's comments section.
"""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cjm.core.editor import editor_view, form_errors_from
from cjm.core.permissions import has_role
from cjm.core.roles import Role
from cjm.map.render import journey_url
from touchpoints.forms import CommentForm
from touchpoints.selectors import comment_list as comment_selector
from touchpoints.selectors import touchpoint_get
from touchpoints.services import comment_create, comment_delete

from .drawer import comments_context

SECTION = "touchpoints/partials/_comments.html"


def _section(request: HttpRequest, touchpoint, status: int = 200, **extra) -> HttpResponse:
    if not request.htmx:
        return redirect(journey_url(touchpoint.stage.journey_id))
    can_edit = has_role(request.user, touchpoint.stage.journey.workspace_id, Role.EDITOR)
    context = comments_context(request, touchpoint, can_edit, **extra)
    return render(request, SECTION, context, status=status)


@editor_view(["POST"])
def comment_list(request: HttpRequest, touchpoint_id: int) -> HttpResponse:
    touchpoint = touchpoint_get(user=request.user, pk=touchpoint_id)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            comment_create(
                actor=request.user, touchpoint=touchpoint, body=form.cleaned_data["body"]
            )
            return _section(request, touchpoint)
        except ValidationError as error:
            form_errors_from(form, error)
    return _section(request, touchpoint, status=422, comment_form=form)


@editor_view(["DELETE"])
def comment_detail(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = comment_selector(user=request.user).filter(pk=comment_id).first()
    if comment is None or comment.touchpoint_id is None:
        raise Http404("No such comment.")
    touchpoint = touchpoint_get(user=request.user, pk=comment.touchpoint_id)
    comment_delete(actor=request.user, comment=comment)
    return _section(request, touchpoint)
