from django import forms
from django.utils.translation import gettext_lazy as _


class SnapshotForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        required=False,
        help_text=_("Leave it blank to name it by the date and time."),
    )
