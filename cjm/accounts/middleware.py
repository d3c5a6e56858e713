"""Apply the language a signed-in user saved in their settings.

Django's ``LocaleMiddleware`` picks the language from the language cookie or the browser's
``Accept-Language``; this middleware runs after it and, when the session carries the user's saved
language (copied there at sign-in by ``cjm.models.preferences.remember_language``), activates
that one instead. So the choice follows the user to any browser, without a query per page.
"""

from django.conf import settings
from django.utils import translation

from cjm.accounts.models import LANGUAGE_SESSION_KEY


class UserLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        session = getattr(request, "session", None)
        language = session.get(LANGUAGE_SESSION_KEY) if session is not None else None
        if language and language in self.languages:
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
