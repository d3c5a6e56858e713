"""Forms of the people pages: invitations, roles, removing a member, teams, signing up."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from cjm.core import lockout
from cjm.core.roles import Role


def add_service_errors(form: forms.Form, error, aliases: dict | None = None) -> None:
    """Show a service's ValidationError on the form (beside its field when it names one;
    ``aliases`` maps a service's field name to the form's)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            field = (aliases or {}).get(field, field)
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class InviteForm(forms.Form):
    email = forms.CharField(
        label=_("E-mail addresses"),
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "ann@example.com, bob@example.com"}),
        help_text=_("One or many, separated by commas or new lines."),
        max_length=5000,
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.VIEWER)


class HandOverForm(forms.Form):
    """Where a removed member's touchpoints and open actions go: a person, a team or nobody."""

    to = forms.ChoiceField(label=_("Hand their work over to"), required=False)

    def __init__(self, *args, members=(), teams=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.members = {str(m.user_id): m.user for m in members}
        self.teams = {str(t.pk): t for t in teams}
        self.fields["to"].choices = [
            ("", _("Nobody (clear the owner and the assignee)")),
            (
                _("A person"),
                [(f"u{k}", u.get_full_name() or u.get_username()) for k, u in self.members.items()],
            ),
            (_("A team"), [(f"t{k}", t.name) for k, t in self.teams.items()]),
        ]

    def heirs(self) -> dict:
        value = self.cleaned_data.get("to") or ""
        if value.startswith("u"):
            return {"to_user": self.members[value[1:]]}
        if value.startswith("t"):
            return {"to_team": self.teams[value[1:]]}
        return {}


class SignupForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label=_("Password again"), widget=forms.PasswordInput, strip=False)

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return data


class OpenSignupForm(SignupForm):
    email = forms.EmailField(label=_("E-mail"))


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    lead = forms.ChoiceField(label=_("Team lead"), required=False)

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].choices = [("", "—")] + [
            (str(u.pk), u.get_full_name() or u.get_username()) for u in members
        ]


class TeamMemberForm(forms.Form):
    user = forms.ChoiceField(label=_("Member"))

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = [
            (str(u.pk), u.get_full_name() or u.get_username()) for u in candidates
        ]


class LockoutAuthenticationForm(AuthenticationForm):
    """The sign-in form, with password guessing locked out per account and per address
    (``cjm.core.lockout``): a locked account is refused even with the right password."""

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        if username and self.request is not None and lockout.is_locked(self.request, username):
            raise self._locked_error()
        try:
            return super().clean()
        except forms.ValidationError:
            locked = (
                bool(username)
                and self.request is not None
                and lockout.record_failure(self.request, username)
            )
            if locked:
                raise self._locked_error() from None
            raise

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if self.request is not None:
            lockout.record_success(self.request, self.cleaned_data.get("username") or "")

    def _locked_error(self) -> forms.ValidationError:
        return forms.ValidationError(
            _(
                "Too many failed sign-in attempts. Sign-in is locked for %(minutes)d minutes; "
                "try again later."
            ),
            code="locked",
            params={"minutes": lockout.lockout_minutes()},
        )
