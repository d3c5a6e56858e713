"""Forms of the workspace pages: survey editor, invitations, settings, reviews, filters."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from cjm.models import Stage
from feedback.choices import Language, ReviewSource, Sentiment, SurveyKind, TrustLevel
from feedback.models import FeedbackSettings, Review, Survey
from touchpoints.models import Channel, Touchpoint

DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _touchpoint_label(touchpoint) -> str:
    return f"{touchpoint.stage.journey.title} · {touchpoint.stage.name} · {touchpoint.name}"


class WorkspaceScopedForm(forms.ModelForm):
    """Choices of touchpoints, stages and channels come from the page's workspace only."""

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.workspace = workspace
        if "touchpoint" in self.fields:
            field = self.fields["touchpoint"]
            field.queryset = (
                Touchpoint.objects.filter(stage__journey__workspace=workspace)
                .select_related("stage__journey")
                .order_by("stage__journey__title", "stage__position", "position")
            )
            field.label_from_instance = _touchpoint_label
        if "stage" in self.fields:
            self.fields["stage"].queryset = (
                Stage.objects.filter(journey__workspace=workspace)
                .select_related("journey")
                .order_by("journey__title", "position")
            )
            self.fields["stage"].label_from_instance = lambda s: f"{s.journey.title} · {s.name}"
        if "channel" in self.fields:
            self.fields["channel"].queryset = Channel.objects.filter(workspace=workspace)


class SurveyForm(WorkspaceScopedForm):
    class Meta:
        model = Survey
        fields = [
            "name",
            "kind",
            "scope",
            "touchpoint",
            "stage",
            "channel",
            "default_language",
            "question_ru",
            "question_en",
            "why_question_ru",
            "why_question_en",
            "ask_improve",
            "ask_value",
            "is_active",
            "starts_at",
            "ends_at",
            "public_link_enabled",
            "invitation_valid_days",
        ]
        widgets = {"starts_at": DATETIME_INPUT, "ends_at": DATETIME_INPUT}
        help_texts = {
            "question_ru": _("Leave empty for the standard question of the kind."),
            "question_en": _("Leave empty for the standard question of the kind."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"]
        if self.instance.pk and self.instance.responses.exists():
            self.fields["kind"].disabled = True
            self.fields["kind"].help_text = _("Fixed: the survey already has answers.")

    def _post_clean(self):
        # The model is validated by the service (with the derived stage and default texts).
        pass


class InvitationForm(forms.Form):
    customers = forms.CharField(
        label=_("Customer ids"),
        help_text=_("One per line (or separated by commas). The same ids your events use."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=100_000,
    )
    language = forms.ChoiceField(label=_("Language of the page"), choices=Language.choices)

    def customer_ids(self) -> list[str]:
        return [c for c in re.split(r"[\s,;]+", self.cleaned_data["customers"]) if c]


class FeedbackSettingsForm(forms.ModelForm):
    class Meta:
        model = FeedbackSettings
        fields = [
            "fatigue_days",
            "suggest_window_days",
            "suggest_min_answers",
            "suggest_excellent_from",
            "suggest_awful_below",
            "weight_anonymous",
            "weight_identified",
            "weight_verified_identity",
            "weight_verified_purchase",
        ]

    def _post_clean(self):
        pass  # validated by feedback_settings_update


class ReviewForm(WorkspaceScopedForm):
    url = forms.URLField(label=_("link"), required=False, max_length=500, assume_scheme="https")

    class Meta:
        model = Review
        fields = [
            "source",
            "author",
            "grade",
            "text",
            "published_at",
            "url",
            "touchpoint",
            "trust_level",
            "external_id",
        ]
        widgets = {"published_at": DATETIME_INPUT, "text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["published_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d"]

    def _post_clean(self):
        pass  # validated by the review services


class ReviewImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: source, external_id, author, grade, text, published_at, url, touchpoint, "
            "trust_level. UTF-8, comma or semicolon separated."
        ),
    )


def _blank(choices) -> list:
    return [("", _("Any"))] + list(choices)


class ResponseFilterForm(forms.Form):
    survey = forms.ModelChoiceField(
        label=_("Survey"), queryset=Survey.objects.none(), required=False, empty_label=_("Any")
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=_blank(SurveyKind.choices), required=False)
    group = forms.ChoiceField(
        label=_("Answer"),
        required=False,
        choices=[
            ("", _("Any")),
            ("promoters", _("NPS promoters (9-10)")),
            ("passives", _("NPS passives (7-8)")),
            ("detractors", _("NPS detractors (0-6)")),
            ("satisfied", _("CSAT satisfied (4-5)")),
            ("unsatisfied", _("CSAT not satisfied (1-3)")),
        ],
    )
    sentiment = forms.ChoiceField(
        label=_("Sentiment"), choices=_blank(Sentiment.choices), required=False
    )
    touchpoint = forms.ModelChoiceField(
        label=_("Touchpoint"),
        queryset=Touchpoint.objects.none(),
        required=False,
        empty_label=_("Any"),
    )
    customer = forms.CharField(required=False, max_length=200, label=_("Customer id"))
    date_from = forms.DateField(
        required=False, label=_("From"), widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        required=False, label=_("To"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["survey"].queryset = Survey.objects.filter(workspace=workspace)
        touchpoints = Touchpoint.objects.filter(stage__journey__workspace=workspace)
        self.fields["touchpoint"].queryset = touchpoints.select_related("stage__journey")
        self.fields["touchpoint"].label_from_instance = _touchpoint_label


class ReviewFilterForm(forms.Form):
    trust_level = forms.ChoiceField(
        label=_("Trust level"), choices=_blank(TrustLevel.choices), required=False
    )
    sentiment = forms.ChoiceField(
        label=_("Sentiment"), choices=_blank(Sentiment.choices), required=False
    )
    source = forms.ChoiceField(
        label=_("Source"), choices=_blank(ReviewSource.choices), required=False
    )
    grade = forms.TypedChoiceField(
        label=_("Grade"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=[("", _("Any"))] + [(g, "★" * g) for g in range(5, 0, -1)],
    )
