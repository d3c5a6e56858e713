"""Forms of the personas and segments library. Choices come from the page's workspace only;
the services write and check again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cjm.core.tenancy import Workspace
from cjm.models import Journey
from personas.models import Persona, Segment
from touchpoints.models import Channel

PROFILE_FIELDS = ["demographic", "geographic", "psychographic", "socio_economic"]
INNER_FIELDS = ["goals", "needs", "thoughts", "emotions", "fears", "expectations"]


def unique_name(form, model, message) -> str:
    """Names are unique per workspace: say so on the field (the service refuses it too)."""
    name = form.cleaned_data["name"]
    taken = model.objects.filter(workspace=form.workspace, name=name)
    if form.instance.pk:
        taken = taken.exclude(pk=form.instance.pk)
    if taken.exists():
        raise forms.ValidationError(message)
    return name


class PersonaForm(forms.ModelForm):
    """Everything about a persona; the ``version`` the user saw guards against lost updates."""

    version = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)
    avatar_url = forms.URLField(
        label=_("Photo URL"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("A link to a photo or drawing (https://...). Initials otherwise."),
    )

    class Meta:
        model = Persona
        fields = [
            "name",
            "role_title",
            "segment",
            "avatar_url",
            *PROFILE_FIELDS,
            *INNER_FIELDS,
            "quote",
            "preferred_channels",
        ]
        widgets = {
            **{name: forms.Textarea(attrs={"rows": 3}) for name in PROFILE_FIELDS + INNER_FIELDS},
            "quote": forms.Textarea(attrs={"rows": 2}),
            "preferred_channels": forms.CheckboxSelectMultiple,
        }
        help_texts = {"quote": _("What this person would say, in their own words.")}

    def __init__(self, *args, workspace: Workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.workspace = workspace
        self.fields["segment"].queryset = Segment.objects.filter(workspace=workspace)
        self.fields["segment"].empty_label = _("No segment")
        self.fields["preferred_channels"].queryset = Channel.objects.filter(workspace=workspace)

    def clean_name(self) -> str:
        return unique_name(self, Persona, _("There is already a persona with this name."))

    def _post_clean(self):
        """Do not touch the instance: the service applies the changes on a fresh, locked row."""

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class SegmentForm(forms.ModelForm):
    class Meta:
        model = Segment
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, workspace: Workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.workspace = workspace

    def clean_name(self) -> str:
        return unique_name(self, Segment, _("There is already a segment with this name."))

    def _post_clean(self):
        """The service validates (names are unique per workspace)."""


class PersonaJourneysForm(forms.Form):
    """The journeys a persona appears on."""

    journeys = forms.ModelMultipleChoiceField(
        label=_("Journeys"),
        queryset=Journey.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, workspace: Workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["journeys"].queryset = Journey.objects.filter(workspace=workspace).order_by(
            "title", "id"
        )
