"""Forms of the map editor: what the browser sends for stages, lanes and lane cells.

The forms only parse and check input; the services write (and validate again). Every form that
edits an existing row carries the ``version`` the user saw, passed on to the service as
``expected_version`` so a stale edit is refused instead of silently overwriting.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from cjm.choices import (
    BLUEPRINT_LANES,
    EMOTION_MAX,
    EMOTION_MIN,
    LaneKind,
    MomentOfTruth,
    PurchasePhase,
)


class VersionedForm(forms.Form):
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class StageCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Stage name"),
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": _("New stage"), "autocomplete": "off"}),
    )
    position = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)


class StageForm(VersionedForm):
    name = forms.CharField(
        label=_("Stage name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    moment_of_truth = forms.ChoiceField(
        label=_("Moment of truth"), choices=MomentOfTruth.choices, required=False
    )
    purchase_phase = forms.ChoiceField(
        label=_("Purchase phase"), choices=PurchasePhase.choices, required=False
    )

    def changes(self) -> dict:
        """Only the fields the browser sent: the inline rename sends the name alone."""
        return {
            name: self.cleaned_data[name]
            for name in ("name", "moment_of_truth", "purchase_phase")
            if name in self.data
        }


class MoveForm(forms.Form):
    """Where to move a stage, lane or card: a ``position`` (drag and drop) or one step in a
    ``direction`` (the keyboard alternative: buttons and Alt+Arrow keys)."""

    position = forms.IntegerField(label=_("Position"), min_value=0, required=False)
    direction = forms.ChoiceField(
        choices=[(d, d) for d in ("up", "down", "left", "right")], required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("position") is None and not data.get("direction"):
            raise forms.ValidationError(_("Say where to move it."))
        return data


class StageStepForm(forms.Form):
    """A change to a stage's step from the map: add an alternative (branch) after it, make its
    step optional or required, take it out of its step, join the step of ``target`` (another
    stage) or move its whole step to the 0-based step ``index``."""

    ACTIONS = ["branch", "optional", "required", "leave", "join", "move"]
    action = forms.ChoiceField(choices=[(a, a) for a in ACTIONS])
    target = forms.IntegerField(min_value=1, required=False)
    index = forms.IntegerField(min_value=0, max_value=100_000, required=False)

    def clean(self):
        data = super().clean()
        if data.get("action") == "join" and not data.get("target"):
            raise forms.ValidationError(_("Say which step to join."))
        if data.get("action") == "move" and data.get("index") is None:
            raise forms.ValidationError(_("Say where to move the step."))
        return data


class LaneCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Lane name"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("New lane"), "autocomplete": "off"}),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=(), required=False)

    def __init__(self, *args, missing_kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = (
            [(LaneKind.CUSTOM, _("Custom text lane"))]
            + [(kind.value, kind.label) for kind in missing_kinds]
            + [(kind.value, kind.label) for kind in BLUEPRINT_LANES]
        )

    def clean(self):
        data = super().clean()
        kind = data.get("kind") or LaneKind.CUSTOM
        data["kind"] = kind
        if not data.get("name"):
            if kind == LaneKind.CUSTOM:
                self.add_error("name", _("Give the new lane a name."))
            else:
                data["name"] = str(LaneKind(kind).label)
        return data


class LaneForm(VersionedForm):
    name = forms.CharField(
        label=_("Lane name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )


class LaneVisibilityForm(VersionedForm):
    is_hidden = forms.BooleanField(required=False)


class CellForm(VersionedForm):
    text = forms.CharField(
        label=_("Text"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_text(self):
        # No maxlength on the textarea (it cuts a paste silently): lane_cell_set refuses a text
        # over CELL_TEXT_MAX with a message naming the limit, shown at the field.
        return self.cleaned_data["text"].strip()


class EmotionForm(VersionedForm):
    emotion_score = forms.TypedChoiceField(
        label=_("Emotion score"),
        choices=[("", _("No score"))]
        + [(n, f"{n:+d}" if n else "0") for n in range(EMOTION_MAX, EMOTION_MIN - 1, -1)],
        coerce=int,
        empty_value=None,
        required=False,
    )


class DeleteForm(VersionedForm):
    """A delete carries the version the user saw, too."""
