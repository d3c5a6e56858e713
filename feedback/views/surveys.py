"""Surveys: list, editor, detail with the public link, QR code, stats and invitations."""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from feedback import selectors, services
from feedback.forms import InvitationForm, SurveyForm
from feedback.views.common import add_service_errors, editor_context, workspace_context

INVITATIONS_SHOWN = 20


def public_url(request: HttpRequest, survey) -> str:
    return request.build_absolute_uri(reverse("feedback:public_answer", args=[survey.public_token]))


def qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(dark="#1d2433", border=2, omitsize=True)


@login_required
def survey_list(request: HttpRequest, workspace_id: int) -> HttpResponse:
    context = workspace_context(request, workspace_id, "surveys")
    surveys = list(selectors.survey_list(user=request.user, workspace=context["workspace"]))
    for survey in surveys:
        survey.url = public_url(request, survey)
    return render(request, "feedback/survey_list.html", {**context, "surveys": surveys})


def _survey_form_page(request, context, form, survey=None) -> HttpResponse:
    return render(
        request,
        "feedback/survey_form.html",
        {**context, "form": form, "survey": survey},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def survey_create(request: HttpRequest, workspace_id: int) -> HttpResponse:
    context = editor_context(request, workspace_id, "surveys")
    workspace = context["workspace"]
    form = SurveyForm(request.POST or None, workspace=workspace, initial={"scope": "transactional"})
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        try:
            survey = services.survey_create(
                actor=request.user,
                workspace=workspace,
                name=fields.pop("name"),
                kind=fields.pop("kind"),
                **fields,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Survey created. Share its link or QR code."))
            return redirect("feedback:survey_detail", workspace_id=workspace.pk, pk=survey.pk)
    return _survey_form_page(request, context, form)


@login_required
def survey_edit(request: HttpRequest, workspace_id: int, pk: int) -> HttpResponse:
    context = editor_context(request, workspace_id, "surveys")
    survey = selectors.survey_get(user=request.user, pk=pk)
    if survey.workspace_id != context["workspace"].pk:
        return redirect("feedback:survey_edit", workspace_id=survey.workspace_id, pk=survey.pk)
    form = SurveyForm(request.POST or None, instance=survey, workspace=context["workspace"])
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        try:
            services.survey_update(actor=request.user, survey=survey, **changes)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Survey saved."))
            return redirect("feedback:survey_detail", workspace_id=survey.workspace_id, pk=pk)
    return _survey_form_page(request, context, form, survey)


@login_required
@require_POST
def survey_delete(request: HttpRequest, workspace_id: int, pk: int) -> HttpResponse:
    survey = selectors.survey_get(user=request.user, pk=pk)
    services.survey_delete(actor=request.user, survey=survey)
    messages.success(request, _("Survey deleted with its answers."))
    return redirect("feedback:survey_list", workspace_id=survey.workspace_id)


@login_required
def survey_detail(request: HttpRequest, workspace_id: int, pk: int) -> HttpResponse:
    context = workspace_context(request, workspace_id, "surveys")
    survey = selectors.survey_get(user=request.user, pk=pk)
    if survey.workspace_id != context["workspace"].pk:
        return redirect("feedback:survey_detail", workspace_id=survey.workspace_id, pk=survey.pk)
    form = InvitationForm(request.POST or None, initial={"language": survey.default_language})
    batch, status = None, 200
    if request.method == "POST":
        if form.is_valid():
            try:
                batch = services.invitations_create(
                    actor=request.user,
                    survey=survey,
                    customers=form.customer_ids(),
                    language=form.cleaned_data["language"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
                status = 400
            else:
                for invitation in batch.created:
                    invitation.url = request.build_absolute_uri(
                        reverse("feedback:invitation_answer", args=[invitation.token])
                    )
        else:
            status = 400
    url = public_url(request, survey)
    stats = selectors.survey_stats(survey=survey)
    top = max((row["responses"] for row in stats["distribution"]), default=0) or 1
    for row in stats["distribution"]:
        row["percent"] = round(100 * row["responses"] / top)
    invitations = list(selectors.invitation_list(survey=survey)[:INVITATIONS_SHOWN])
    for invitation in invitations:
        # Personal links let anyone answer in a customer's name: editors and admins only.
        invitation.url = (
            request.build_absolute_uri(
                reverse("feedback:invitation_answer", args=[invitation.token])
            )
            if context["can_edit"]
            else None
        )
    return render(
        request,
        "feedback/survey_detail.html",
        {
            **context,
            "survey": survey,
            "public_url": url,
            "qr": mark_safe(qr_svg(url)),  # noqa: S308 - segno's SVG of our URL  # nosec B308 B703
            "stats": stats,
            "form": form,
            "batch": batch,
            "invitations": invitations,
            "question": survey.question(request.LANGUAGE_CODE),
        },
        status=status,
    )


@login_required
def survey_qr(request: HttpRequest, workspace_id: int, pk: int) -> HttpResponse:
    """The QR code of the public link as an SVG file (for print)."""
    survey = selectors.survey_get(user=request.user, pk=pk)
    svg = segno.make(public_url(request, survey), error="m").svg_inline(scale=10, border=4)
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}-qr.svg"'
    return response
