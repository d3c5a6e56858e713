"""The user's own settings: interface language and API token.

The language is saved on the user (``UserPreference``) and applied on every page after sign-in
by ``cjm.accounts.middleware.UserLanguageMiddleware``; ``language_set`` saves it and then hands
over to Django's ``set_language`` view, which sets the language cookie and redirects back. The
language switcher of the top bar posts here too, so a switch is remembered on every device.

The API token is shown in full only in the answer to its creation; afterwards the page shows
when it was made and its last characters. ``POST /api/v1/auth/token/`` with the password still
returns it, as the API documents.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from cjm.accounts.models import LANGUAGE_SESSION_KEY
from cjm.accounts.selectors.users import (
    api_token_expires_at,
    api_token_get,
    api_token_last_used,
    user_language_get,
)
from cjm.accounts.services.users import api_token_create, api_token_revoke, user_language_set


def language_choices() -> list[tuple[str, str]]:
    """Each language named in itself ("English", "Русский"): people look for their own."""
    return [(code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES]


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=gettext_lazy("Interface language"), widget=forms.RadioSelect, choices=()
    )
    next = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices()


def _page(request: HttpRequest, *, form=None, new_token: str = "", status: int = 200):
    token = api_token_get(user=request.user)
    saved = user_language_get(user=request.user)
    form = form or LanguageForm(
        initial={"language": saved or request.LANGUAGE_CODE, "next": request.path}
    )
    context = {
        "form": form,
        "saved_language": saved,
        "token": token,
        "token_tail": token.key[-4:] if token else "",
        "token_expires_at": api_token_expires_at(token) if token else None,
        "token_last_used": api_token_last_used(user=request.user) if token else None,
        "new_token": new_token,
    }
    response = render(request, "cjm/settings.html", context, status=status)
    if new_token:
        add_never_cache_headers(response)
    return response


@login_required
def settings_page(request: HttpRequest) -> HttpResponse:
    return _page(request)


@login_required
@require_POST
def language_set(request: HttpRequest) -> HttpResponse:
    """Save the chosen language on the user, then let Django set the cookie and go back."""
    form = LanguageForm(request.POST)
    if not form.is_valid():
        return _page(request, form=form, status=400)
    language = form.cleaned_data["language"]
    try:
        user_language_set(actor=request.user, language=language)
    except ValidationError as error:
        form.add_error("language", error.messages)
        return _page(request, form=form, status=400)
    request.session[LANGUAGE_SESSION_KEY] = language
    return set_language(request)


@login_required
@require_POST
def api_token_new(request: HttpRequest) -> HttpResponse:
    token = api_token_create(actor=request.user)
    return _page(request, new_token=token.key)


@login_required
@require_POST
def api_token_delete(request: HttpRequest) -> HttpResponse:
    if api_token_revoke(actor=request.user):
        messages.success(request, _("API token revoked. Clients that used it are refused now."))
    else:
        messages.info(request, _("You had no API token."))
    return redirect("cjm:settings")
