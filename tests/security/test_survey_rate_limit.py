"""Finding 5: the public survey's rate limit counts per client address by the trusted-proxy rule:
behind one proxy, one client cannot block a survey for everyone, and a forged X-Forwarded-For
does not escape the limit when no proxy is trusted."""

import pytest
from django.test import Client
from django.urls import reverse

from feedback.models import Response
from feedback.views import public
from tests.feedback.factories import SurveyFactory


@pytest.fixture
def survey(workspace):
    return SurveyFactory(workspace=workspace)


def _answer(client, survey, forwarded):
    url = reverse("feedback:public_answer", args=[survey.public_token])
    return client.post(url, {"score": "8"}, HTTP_X_FORWARDED_FOR=forwarded)


def test_behind_a_trusted_proxy_each_client_has_its_own_limit(survey, settings, monkeypatch):
    settings.CJM_TRUSTED_PROXIES = 1
    monkeypatch.setattr(public, "RATE_LIMIT", 3)
    proxy = Client(REMOTE_ADDR="172.16.0.1")
    for _ in range(3):
        assert _answer(proxy, survey, "203.0.113.5").status_code == 302
    assert _answer(proxy, survey, "203.0.113.5").status_code == 429
    assert _answer(proxy, survey, "203.0.113.6").status_code == 302  # another customer
    assert Response.objects.count() == 4


def test_without_trusted_proxies_a_forged_header_does_not_escape_the_limit(survey, monkeypatch):
    monkeypatch.setattr(public, "RATE_LIMIT", 3)
    client = Client(REMOTE_ADDR="198.51.100.9")
    for n in range(3):
        assert _answer(client, survey, f"10.0.0.{n}").status_code == 302
    assert _answer(client, survey, "10.0.0.99").status_code == 429
