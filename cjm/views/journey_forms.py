"""Forms of the journey list: a new map from blank or as a copy, a map's settings (the list's
filters are ``cjm.filters.JourneyFilterSet``, shared with the API).

Forms parse and check; the services write (and check again: roles, workspace of every persona).
Choices (segments, personas, journeys) come from the page's workspace only.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from cjm.choices import JourneyState, JourneyStatus
from cjm.core.tenancy import Workspace
from cjm.models import Journey
from personas.models import Persona, Segment

MAX_STAGES = 30


class JourneyForm(forms.Form):
    """A map's title, segment, personas, state and status (create and edit)."""

    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    segment = forms.ModelChoiceField(
        label=_("Segment"), queryset=Segment.objects.none(), required=False
    )
    personas = forms.ModelMultipleChoiceField(
        label=_("Personas"),
        queryset=Persona.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    state = forms.ChoiceField(
        label=_("State"), choices=JourneyState.choices, widget=forms.RadioSelect
    )
    status = forms.ChoiceField(label=_("Status"), choices=JourneyStatus.choices)

    def __init__(self, *args, workspace: Workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["segment"].queryset = Segment.objects.filter(workspace=workspace)
        self.fields["segment"].empty_label = _("No segment")
        self.fields["personas"].queryset = Persona.objects.filter(workspace=workspace)

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in JourneyForm.base_fields}


class JourneyCreateForm(JourneyForm):
    stage_names = forms.CharField(
        label=_("Stages"),
        required=False,
        help_text=_("One stage per line, left to right. You can add and reorder stages later."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    # Choices set by the view (cjm.sharing.selectors.template_choices): blank or a template.
    template = forms.ChoiceField(
        label=_("Start from"),
        required=False,
        choices=(),
        help_text=_(
            "A template brings its own stages, lanes, typical touchpoints and channels; "
            "the stages below are then not used."
        ),
    )

    def clean_stage_names(self) -> list[str]:
        names = [line.strip() for line in self.cleaned_data["stage_names"].splitlines()]
        names = [name for name in names if name]
        if len(names) > MAX_STAGES:
            raise forms.ValidationError(
                _("At most %(count)d stages at once.") % {"count": MAX_STAGES}
            )
        too_long = [name for name in names if len(name) > 200]
        if too_long:
            raise forms.ValidationError(_("A stage name has at most 200 characters."))
        return names


class JourneyEditForm(JourneyForm):
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class JourneyCopyForm(forms.Form):
    source = forms.ModelChoiceField(label=_("Map to copy"), queryset=Journey.objects.none())
    title = forms.CharField(label=_("Title of the copy"), max_length=200)
    state = forms.ChoiceField(
        label=_("State"), choices=JourneyState.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, workspace: Workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = Journey.objects.filter(workspace=workspace).order_by(
            "title", "id"
        )
        self.fields["source"].empty_label = None


class JourneyStatusForm(forms.Form):
    """Archive a map, or bring it back (as a draft)."""

    archive = forms.TypedChoiceField(
        choices=[("1", "1"), ("0", "0")], coerce=lambda value: value == "1"
    )
