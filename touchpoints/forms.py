"""Forms of the touchpoint drawer and cards: touchpoints, improvement actions and comments.

Choices of people, teams and channels are the touchpoint's workspace's, read through selectors
(the view has checked the user's membership). The forms parse and check input; the services
write. Edits carry the ``version`` the user saw.
"""

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cjm.core.display import display_name
from cjm.core.scoping import workspace_member_list, workspace_team_list
from cjm.core.tenancy import Team
from cjm.forms import MoveForm, VersionedForm
from touchpoints.choices import (
    IMPORTANCE_MAX,
    IMPORTANCE_MIN,
    RATING_CHOICES,
    ActionStatus,
    CustomerReaction,
    Rating,
    TouchpointCategory,
)
from touchpoints.models import Channel
from touchpoints.selectors import workspace_channel_list


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user) -> str:
        return display_name(user)


class TouchpointCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Touchpoint name"),
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": _("New touchpoint"), "autocomplete": "off"}),
    )


class TouchpointForm(VersionedForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    rating = forms.ChoiceField(label=_("Rating"), choices=RATING_CHOICES)
    channel = forms.ModelChoiceField(
        label=_("Channel"), queryset=Channel.objects.none(), required=False
    )
    category = forms.ChoiceField(label=_("Category"), choices=TouchpointCategory.choices)
    owner = PersonChoiceField(
        label=_("Owner"), queryset=get_user_model().objects.none(), required=False
    )
    team = forms.ModelChoiceField(
        label=_("Owner team"), queryset=Team.objects.none(), required=False
    )
    importance = forms.IntegerField(
        label=_("Importance"),
        min_value=IMPORTANCE_MIN,
        max_value=IMPORTANCE_MAX,
        help_text=_("1 (minor) to 10 (decides whether the customer stays)."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    is_critical = forms.BooleanField(
        label=_("Critical point"),
        required=False,
        help_text=_("Customers stop, doubt or leave for a competitor here."),
    )
    customer_reaction = forms.ChoiceField(
        label=_("Customer reaction"), choices=CustomerReaction.choices, required=False
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    FIELDS = (
        "name",
        "rating",
        "channel",
        "category",
        "owner",
        "team",
        "importance",
        "is_critical",
        "customer_reaction",
        "description",
    )

    def __init__(self, *args, workspace_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].queryset = workspace_channel_list(workspace_id=workspace_id)
        self.fields["owner"].queryset = workspace_member_list(workspace_id=workspace_id)
        self.fields["team"].queryset = workspace_team_list(workspace_id=workspace_id)

    @classmethod
    def initial_from(cls, touchpoint) -> dict:
        initial = {name: getattr(touchpoint, name) for name in cls.FIELDS}
        initial.update(
            channel=touchpoint.channel_id,
            owner=touchpoint.owner_id,
            team=touchpoint.team_id,
            version=touchpoint.version,
        )
        return initial

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.FIELDS}


class RatingForm(VersionedForm):
    rating = forms.ChoiceField(choices=Rating.choices)


class TouchpointMoveForm(MoveForm):
    """A card moves to ``position`` (in ``stage`` when it changes stage), or one step:
    up/down within its stage, left/right to the neighbouring stage."""

    stage = forms.IntegerField(min_value=1, required=False)


class ActionForm(forms.Form):
    title = forms.CharField(
        label=_("What will be done"),
        max_length=300,
        widget=forms.TextInput(attrs={"placeholder": _("New improvement action")}),
    )
    assignee = PersonChoiceField(
        label=_("Assignee"), queryset=get_user_model().objects.none(), required=False
    )
    due_date = forms.DateField(
        label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, workspace_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = workspace_member_list(workspace_id=workspace_id)


class ActionEditForm(VersionedForm):
    """An action changed after its creation, in the drawer (editors)."""

    title = forms.CharField(label=_("What will be done"), max_length=300)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    assignee = PersonChoiceField(
        label=_("Assignee"), queryset=get_user_model().objects.none(), required=False
    )
    due_date = forms.DateField(
        label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    done_on = forms.DateField(
        label=_("Done on"),
        required=False,
        help_text=_("When the work was really done (for a done action; empty: today)."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    FIELDS = ("title", "description", "assignee", "due_date", "status")

    def __init__(self, *args, workspace_id: int, action_id: int, **kwargs):
        # Its own ids: the drawer shows it next to the "add action" form.
        kwargs.setdefault("auto_id", f"action-{action_id}-%s")
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = workspace_member_list(workspace_id=workspace_id)

    @classmethod
    def initial_from(cls, action) -> dict:
        initial = {name: getattr(action, name) for name in cls.FIELDS}
        initial.update(assignee=action.assignee_id, version=action.version)
        if action.done_at is not None:
            initial["done_on"] = timezone.localtime(action.done_at).date()
        return initial

    def changes(self) -> dict:
        changes = {name: self.cleaned_data[name] for name in self.FIELDS}
        done_on = self.cleaned_data.get("done_on")
        if done_on is not None and changes["status"] == ActionStatus.DONE:
            changes["done_at"] = done_at_of_day(done_on)
        return changes


def done_at_of_day(day: datetime.date) -> datetime.datetime:
    """The done time of a day picked in the browser: now for today, the start of the day (in
    the current time zone) for a past day; a future day stays in the future (refused)."""
    if day == timezone.localdate():
        return timezone.now()
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class ActionStatusForm(VersionedForm):
    status = forms.ChoiceField(choices=ActionStatus.choices)


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": _("Write a comment")}),
    )
