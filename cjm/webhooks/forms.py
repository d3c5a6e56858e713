from django import forms
from django.utils.translation import gettext_lazy as _

from cjm.webhooks.models import Event


class SubscriptionForm(forms.Form):
    url = forms.URLField(
        label=_("Receiver URL"),
        max_length=500,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://example.com/cjm-hook"}),
    )
    events = forms.MultipleChoiceField(
        label=_("Events"), choices=Event.choices, widget=forms.CheckboxSelectMultiple
    )
    secret = forms.CharField(
        label=_("Secret"),
        required=False,
        min_length=16,
        max_length=128,
        help_text=_("Leave empty to have one generated; it is shown once."),
    )
