"""The public answer pages: no login, mobile-first, plain HTML forms (no JavaScript needed).

Protection: Django's CSRF token in the form; a cache-based rate limit per client address and
survey; a honeypot field (a bot that fills it is thanked and nothing is stored); personal links
are signed and single-use (see ``response_submit_invitation``). A used, expired or closed link
gets a clear page with status 410; an unknown link 404.
"""

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cjm.core.client import client_address
from feedback import services
from feedback.choices import Language, SurveyKind
from feedback.forms import AnswerForm
from feedback.selectors import survey_get_public
from feedback.services import LinkGone

RATE_LIMIT = getattr(settings, "FEEDBACK_ANSWER_RATE_LIMIT", 10)  # submissions ...
RATE_WINDOW = getattr(settings, "FEEDBACK_ANSWER_RATE_WINDOW", 600)  # ... per this many seconds


def over_rate_limit(request: HttpRequest, scope: str) -> bool:
    """Count one submission for (client address, survey); True once over the limit."""
    key = f"feedback:answer-rate:{scope}:{client_address(request)}"
    if cache.add(key, 1, timeout=RATE_WINDOW):
        return False
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=RATE_WINDOW)
        count = 1
    return count > RATE_LIMIT


def page_language(request: HttpRequest, default: str) -> str:
    asked = request.GET.get("lang") or request.POST.get("lang")
    return asked if asked in Language.values else default


def _scale_labels(kind: str) -> tuple[str, str]:
    if kind == SurveyKind.NPS:
        return _("Not at all likely"), _("Extremely likely")
    if kind == SurveyKind.CSAT:
        return _("Very unsatisfied"), _("Very satisfied")
    return _("Very difficult"), _("Very easy")


def _page(request, template: str, context: dict, status: int = 200) -> HttpResponse:
    response = render(request, template, context, status=status)
    response["Content-Language"] = context["lang"]
    response["Cache-Control"] = "no-store"
    return response


def gone_page(request: HttpRequest, reason: str, lang: str, survey=None) -> HttpResponse:
    status = 404 if reason == LinkGone.INVALID else 410
    with translation.override(lang):
        return _page(
            request,
            "feedback/public/gone.html",
            {"reason": reason, "lang": lang, "survey": survey},
            status=status,
        )


def _answer_page(request, *, survey, lang: str, action: str, scope: str, submit) -> HttpResponse:
    with translation.override(lang):
        status = 200
        if request.method == "POST":
            form = AnswerForm(request.POST, survey=survey, language=lang)
            if over_rate_limit(request, scope):
                return _page(request, "feedback/public/too_many.html", {"lang": lang}, status=429)
            if form.is_bot:
                return redirect(f"{reverse('feedback:thanks')}?lang={lang}")
            if form.is_valid():
                try:
                    submit(form.answer())
                except LinkGone as gone:
                    return gone_page(request, gone.reason, lang, survey)
                except ValidationError as exc:
                    for field, messages in exc.message_dict.items():
                        target = field if field in form.fields else None
                        for message in messages:
                            form.add_error(target, message)
                else:
                    return redirect(f"{reverse('feedback:thanks')}?lang={lang}")
            status = 400
        else:
            form = AnswerForm(survey=survey, language=lang)
        low_label, high_label = _scale_labels(survey.kind)
        context = {
            "survey": survey,
            "form": form,
            "lang": lang,
            "action": action,
            "other_lang": Language.EN if lang == Language.RU else Language.RU,
            "low_label": low_label,
            "high_label": high_label,
            "kind": survey.kind,
        }
        return _page(request, "feedback/public/answer.html", context, status=status)


@require_http_methods(["GET", "POST"])
def public_answer(request: HttpRequest, token: str) -> HttpResponse:
    survey = survey_get_public(token=token)
    lang = page_language(request, survey.default_language)
    if not (survey.is_open() and survey.public_link_enabled):
        return gone_page(request, LinkGone.CLOSED, lang, survey)
    return _answer_page(
        request,
        survey=survey,
        lang=lang,
        action=request.path,
        scope=f"s{survey.pk}",
        submit=lambda answer: services.response_submit_public(
            survey=survey, language=lang, **answer
        ),
    )


@require_http_methods(["GET", "POST"])
def invitation_answer(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = services.invitation_from_token(token)
    except LinkGone:
        return gone_page(request, LinkGone.INVALID, page_language(request, Language.RU))
    lang = page_language(request, invitation.language)
    try:
        services.invitation_check_usable(invitation)
    except LinkGone as gone:
        return gone_page(request, gone.reason, lang, invitation.survey)
    return _answer_page(
        request,
        survey=invitation.survey,
        lang=lang,
        action=request.path,
        scope=f"s{invitation.survey_id}",
        submit=lambda answer: services.response_submit_invitation(
            token=token, language=lang, **answer
        ),
    )


def thanks(request: HttpRequest) -> HttpResponse:
    lang = page_language(request, Language.RU)
    with translation.override(lang):
        return _page(request, "feedback/public/thanks.html", {"lang": lang})
