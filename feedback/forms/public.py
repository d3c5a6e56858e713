"""The public answer form: a score on the survey's scale, the "why" and optional questions.

The texts come from the survey in the page's language; error messages are translated by the
active language (the view switches to it). ``website`` is a honeypot: hidden from people,
filled in by naive bots.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from feedback.choices import Language
from feedback.models import Survey
from feedback.models.responses import COMMENT_MAX

HONEYPOT = "website"


def improve_question(language: str) -> str:
    return "Что нам стоит улучшить?" if language == Language.RU else "What should we improve?"


def value_question(language: str) -> str:
    return (
        "Что вы цените в нас больше всего?"
        if language == Language.RU
        else "What do you value most about us?"
    )


class AnswerForm(forms.Form):
    score = forms.TypedChoiceField(
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose a score."),
            "invalid_choice": _("Choose a score from the scale."),
        },
    )
    comment = forms.CharField(
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": COMMENT_MAX}),
    )
    improve_text = forms.CharField(
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": COMMENT_MAX}),
    )
    value_text = forms.CharField(
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": COMMENT_MAX}),
    )
    website = forms.CharField(
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, survey: Survey, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey, self.language = survey, language
        low, high = survey.scale
        self.fields["score"].choices = [(n, str(n)) for n in range(low, high + 1)]
        self.fields["score"].label = survey.question(language)
        self.fields["comment"].label = survey.why_question(language)
        self.fields["improve_text"].label = improve_question(language)
        self.fields["value_text"].label = value_question(language)
        if not survey.ask_improve:
            del self.fields["improve_text"]
        if not survey.ask_value:
            del self.fields["value_text"]
        for name in ("comment", "improve_text", "value_text"):
            if name in self.fields:
                self.fields[name].error_messages["max_length"] = _(
                    "Please keep it under %(limit_value)d characters (now %(show_value)d)."
                )

    def clean(self):
        data = super().clean()
        for name in ("comment", "improve_text", "value_text"):
            if "\x00" in (data.get(name) or ""):
                self.add_error(name, _("This text contains a character that is not allowed."))
        return data

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get(HONEYPOT))

    def answer(self) -> dict:
        data = self.cleaned_data
        return {
            "score": data["score"],
            "comment": data.get("comment", ""),
            "improve_text": data.get("improve_text", ""),
            "value_text": data.get("value_text", ""),
        }
