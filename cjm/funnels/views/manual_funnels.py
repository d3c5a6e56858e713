"""Manual funnels: counts per stage typed in for a period (for businesses without tracking),
shown like a computed report. Reads through ``cjm.funnels.selectors``, writes through
``manual_funnel_create`` (editors and admins)."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from cjm.core.pages import add_service_errors, page_of, render_page
from cjm.funnels.selectors.funnels import funnel_view
from cjm.funnels.selectors.manual_funnels import manual_funnel_get, manual_funnel_result
from cjm.funnels.services.funnels import manual_funnel_create
from cjm.selectors import journey_get

from .funnels import DATE_INPUT, _initial


class ManualFunnelForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    date_from = forms.DateField(label=_("From"), widget=DATE_INPUT)
    date_to = forms.DateField(label=_("To"), widget=DATE_INPUT)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, stages, **kwargs):
        super().__init__(*args, **kwargs)
        self.stages = stages
        for stage in stages:
            self.fields[f"stage_{stage.pk}"] = forms.IntegerField(
                label=stage.name, min_value=0, required=False
            )

    def stage_fields(self):
        return [self[f"stage_{stage.pk}"] for stage in self.stages]

    def counts(self) -> list[dict]:
        return [
            {"stage": stage.pk, "customers": self.cleaned_data[f"stage_{stage.pk}"]}
            for stage in self.stages
            if self.cleaned_data.get(f"stage_{stage.pk}") is not None
        ]


@login_required
@require_http_methods(["GET", "POST"])
def manual_funnel_create_page(request: HttpRequest, journey_id: int) -> HttpResponse:
    """Type in how many customers reached each stage in a period (editors and admins)."""
    journey = journey_get(user=request.user, pk=journey_id)
    context = page_of(request, journey.workspace)
    if not context["can_edit"]:
        raise PermissionDenied
    stages = list(journey.stages.order_by("position"))
    if request.method == "POST":
        form = ManualFunnelForm(request.POST, stages=stages)
        if form.is_valid():
            data = form.cleaned_data
            try:
                funnel = manual_funnel_create(
                    actor=request.user,
                    journey=journey,
                    date_from=data["date_from"],
                    date_to=data["date_to"],
                    title=data["title"],
                    note=data["note"],
                    counts=form.counts(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect("cjm:manual_funnel_detail", funnel_id=funnel.pk)
    else:
        initial = _initial()
        form = ManualFunnelForm(
            initial={"date_from": initial["date_from"], "date_to": initial["date_to"]},
            stages=stages,
        )
    context.update({"journey": journey, "form": form})
    status = 400 if request.method == "POST" else 200
    return render_page(
        request, "cjm/funnel_manual_form.html", "cjm/funnel_manual_form.html", context, status
    )


@login_required
def manual_funnel_detail(request: HttpRequest, funnel_id: int) -> HttpResponse:
    """A manual funnel shown like a computed report: bars, conversion and drop-off per stage."""
    funnel = manual_funnel_get(user=request.user, pk=funnel_id)
    journey = journey_get(user=request.user, pk=funnel.journey_id)
    context = page_of(request, journey.workspace)
    view = funnel_view(manual_funnel_result(funnel))
    stages = view["stages"]
    context.update(
        {
            "journey": journey,
            "manual": funnel,
            "funnel": view,
            "chart": {
                "labels": [row["name"] for row in stages],
                "entered": [row["entered"] or 0 for row in stages],
                "dropOff": [row["drop_off_rate"] for row in stages],
                "conversion": [row["conversion_rate"] for row in stages],
                "worst": [row["is_worst"] for row in stages],
            },
        }
    )
    return render_page(
        request, "cjm/funnel_manual.html", "cjm/partials/funnel/_stages.html", context
    )
