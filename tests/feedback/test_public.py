"""The public answer page and personal links: no login, both languages, bad input, abuse."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from feedback.choices import Language
from feedback.models import Response
from feedback.views import public
from tests.feedback.factories import InvitationFactory

pytestmark = pytest.mark.django_db


def public_url(survey, lang=None):
    url = reverse("feedback:public_answer", args=[survey.public_token])
    return f"{url}?lang={lang}" if lang else url


def test_page_in_russian_by_default_and_english_on_request(client, survey):
    page = client.get(public_url(survey))
    assert page.status_code == 200
    text = page.content.decode()
    assert 'lang="ru"' in text
    assert survey.question_ru in text and "Отправить" in text
    assert page["Content-Language"] == "ru"
    english = client.get(public_url(survey, "en")).content.decode()
    assert survey.question_en in english and ">Send<" in english
    assert 'name="csrfmiddlewaretoken"' in english
    assert english.count('type="radio"') == 11  # NPS 0..10


def test_answer_is_stored_and_thanked(client, survey):
    reply = client.post(public_url(survey, "en"), {"score": "9", "comment": "Fast and polite"})
    assert reply.status_code == 302 and reply["Location"].endswith("?lang=en")
    answer = Response.objects.get()
    assert (answer.score, answer.language, answer.origin) == (9, "en", "public_link")
    assert answer.touchpoint_id == survey.touchpoint_id
    thanks = client.get(reply["Location"]).content.decode()
    assert "Thank you!" in thanks


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"score": "11"}, "Выберите оценку на шкале."),
        ({"score": "-1"}, "Выберите оценку на шкале."),
        ({"score": "abc"}, "Выберите оценку на шкале."),
        ({"comment": "без оценки"}, "Пожалуйста, выберите оценку."),
        ({"score": "5", "comment": "x" * 2001}, "уложитесь в 2000 символов"),
    ],
)
def test_bad_input_gets_a_clear_message_and_stores_nothing(client, survey, data, message):
    reply = client.post(public_url(survey), data)
    assert reply.status_code == 400
    assert message in reply.content.decode()
    assert not Response.objects.exists()


def test_english_error_messages(client, survey):
    reply = client.post(public_url(survey, "en"), {"score": "11"})
    assert "Choose a score from the scale." in reply.content.decode()


def test_invitation_link_is_single_use(client, survey):
    invitation = InvitationFactory(survey=survey, language=Language.EN, customer_external_id="c7")
    url = reverse("feedback:invitation_answer", args=[invitation.token])
    assert "recommend" in client.get(url).content.decode()  # the invitation's language
    assert client.post(url, {"score": "10"}).status_code == 302
    answer = Response.objects.get()
    assert answer.customer_external_id == "c7" and answer.invitation_id == invitation.pk
    replay = client.post(url, {"score": "0"})
    assert replay.status_code == 410
    assert "You have already answered" in replay.content.decode()
    assert client.get(url).status_code == 410
    assert Response.objects.count() == 1


def test_expired_invalid_and_closed_links(client, survey):
    expired = InvitationFactory(
        survey=survey, expires_at=timezone.now() - datetime.timedelta(hours=1)
    )
    page = client.get(reverse("feedback:invitation_answer", args=[expired.token]))
    assert page.status_code == 410 and "истёк" in page.content.decode()
    forged = client.get(reverse("feedback:invitation_answer", args=["abc:def"]))
    assert forged.status_code == 404 and "недействительна" in forged.content.decode()
    assert client.get(reverse("feedback:public_answer", args=["no-such-token"])).status_code == 404
    survey.is_active = False
    survey.save()
    closed = client.get(public_url(survey, "en"))
    assert closed.status_code == 410 and "This survey is closed" in closed.content.decode()
    assert client.post(public_url(survey), {"score": "5"}).status_code == 410
    assert not Response.objects.exists()


def test_public_link_can_be_switched_off(client, survey):
    survey.public_link_enabled = False
    survey.save()
    assert client.post(public_url(survey), {"score": "5"}).status_code == 410
    invitation = InvitationFactory(survey=survey)
    url = reverse("feedback:invitation_answer", args=[invitation.token])
    assert client.post(url, {"score": "5"}).status_code == 302


def test_honeypot_stores_nothing(client, survey):
    reply = client.post(public_url(survey), {"score": "10", "website": "http://spam.example"})
    assert reply.status_code == 302
    assert not Response.objects.exists()


def test_rate_limit_per_address_and_survey(client, survey, monkeypatch):
    monkeypatch.setattr(public, "RATE_LIMIT", 3)
    for _ in range(3):
        assert client.post(public_url(survey), {"score": "8"}).status_code == 302
    blocked = client.post(public_url(survey), {"score": "8"})
    assert blocked.status_code == 429 and "Слишком много попыток" in blocked.content.decode()
    assert Response.objects.count() == 3
    other = Client(REMOTE_ADDR="10.9.9.9")
    assert other.post(public_url(survey), {"score": "8"}).status_code == 302


def test_csrf_is_enforced(survey):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(public_url(survey), {"score": "8"}).status_code == 403
    page = strict.get(public_url(survey))
    token = page.cookies["csrftoken"].value
    reply = strict.post(public_url(survey), {"score": "8", "csrfmiddlewaretoken": token})
    assert reply.status_code == 302


def test_extra_questions_and_other_scales(client, survey):
    survey.kind, survey.ask_improve, survey.ask_value = "ces", True, True
    survey.save()
    text = client.get(public_url(survey, "en")).content.decode()
    assert text.count('type="radio"') == 7
    assert "What should we improve?" in text and "What do you value most about us?" in text
    client.post(
        public_url(survey, "en"), {"score": "7", "improve_text": "Faster", "value_text": "Care"}
    )
    answer = Response.objects.get()
    assert (answer.improve_text, answer.value_text) == ("Faster", "Care")


def test_answer_keeps_the_page_language_and_reads_the_text_in_its_own(client, survey):
    client.post(public_url(survey, "ru"), {"score": "10", "comment": "Great service, thank you!"})
    answer = Response.objects.get()
    assert answer.language == "ru" and answer.sentiment == "positive"
