"""Forms of the share panel, the shared map's password and "save as template"."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ShareLinkForm(forms.Form):
    expires_at = forms.DateTimeField(
        label=_("Expires"),
        required=False,
        help_text=_("Leave empty for a link that works until it is revoked."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
    )
    password = forms.CharField(
        label=_("Password"),
        required=False,
        max_length=128,
        help_text=_("Optional: people who open the link must type it."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class SharePasswordForm(forms.Form):
    password = forms.CharField(
        label=_("Password"),
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )


class TemplateSaveForm(forms.Form):
    name = forms.CharField(label=_("Template name"), max_length=200)
