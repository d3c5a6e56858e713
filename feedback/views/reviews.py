"""The reviews inbox (complaints first), adding, correcting and importing reviews."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from feedback import selectors, services
from feedback.forms import ReviewFilterForm, ReviewForm, ReviewImportForm
from feedback.views.common import (
    add_service_errors,
    editor_context,
    error_list,
    workspace_context,
)

PAGE_SIZE = 30


@login_required
def review_list(request: HttpRequest, workspace_id: int) -> HttpResponse:
    context = workspace_context(request, workspace_id, "reviews")
    workspace = context["workspace"]
    form = ReviewFilterForm(request.GET or None)
    qs = selectors.review_list(user=request.user, workspace=workspace)
    if form.is_bound and form.is_valid():
        for name, value in form.cleaned_data.items():
            if value not in (None, ""):
                qs = qs.filter(**{name: value})
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "feedback/review_list.html",
        {
            **context,
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "import_form": ReviewImportForm(),
        },
    )


def _review_form_page(request, context, form, review=None) -> HttpResponse:
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "feedback/review_form.html",
        {**context, "form": form, "review": review},
        status=status,
    )


@login_required
def review_create(request: HttpRequest, workspace_id: int) -> HttpResponse:
    context = editor_context(request, workspace_id, "reviews")
    workspace = context["workspace"]
    form = ReviewForm(request.POST or None, workspace=workspace)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if v is not None}
        try:
            services.review_create(actor=request.user, workspace=workspace, **fields)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Review added."))
            return redirect("feedback:review_list", workspace_id=workspace.pk)
    return _review_form_page(request, context, form)


@login_required
def review_edit(request: HttpRequest, workspace_id: int, pk: int) -> HttpResponse:
    context = editor_context(request, workspace_id, "reviews")
    review = selectors.review_get(user=request.user, pk=pk)
    form = ReviewForm(request.POST or None, instance=review, workspace=context["workspace"])
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        try:
            services.review_update(actor=request.user, review=review, **changes)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Review saved."))
            return redirect("feedback:review_list", workspace_id=review.workspace_id)
    return _review_form_page(request, context, form, review)


@login_required
def review_import(request: HttpRequest, workspace_id: int) -> HttpResponse:
    context = editor_context(request, workspace_id, "reviews")
    workspace = context["workspace"]
    form = ReviewImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            rows = services.parse_reviews_csv(
                workspace=workspace, data=form.cleaned_data["file"].read()
            )
            result = services.reviews_import(actor=request.user, workspace=workspace, rows=rows)
        except services.BulkValidationError as exc:
            problems = [
                _("Row %(row)d: %(errors)s")
                % {
                    "row": row["index"] + 2,
                    "errors": "; ".join(error_list(ValidationError(row["errors"]))),
                }
                for row in exc.rows
            ]
        except ValidationError as exc:
            problems = error_list(exc)
        else:
            messages.success(
                request,
                _("Imported %(created)d reviews (%(duplicates)d already there).") % result,
            )
            return redirect("feedback:review_list", workspace_id=workspace.pk)
    status = 400 if problems or (form.is_bound and form.errors) else 200
    return render(
        request,
        "feedback/review_import.html",
        {**context, "form": form, "problems": problems},
        status=status,
    )
