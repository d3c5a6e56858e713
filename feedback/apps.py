from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _

# OpenAPI component names of this app's enums: without them drf-spectacular warns about a
# "kind" enum shared by name with other apps (surveys, lanes, channels) and two names for the
# language choices, and `manage.py check --deploy` fails on the warning.
ENUM_NAME_OVERRIDES = {
    "SurveyKindEnum": "feedback.choices.SurveyKind",
    "LanguageEnum": "feedback.choices.Language",
}


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = _("Feedback")

    def ready(self) -> None:
        overrides = settings.SPECTACULAR_SETTINGS.setdefault("ENUM_NAME_OVERRIDES", {})
        for name, choices in ENUM_NAME_OVERRIDES.items():
            overrides.setdefault(name, choices)
