"""Drill: Redis (cache and job broker) goes down.

Pages and the API keep serving (the cache tolerates Redis down: cjm/core/cache.py); asking for a
job answers a clear 503 with ``Retry-After`` (the API and the pages) and leaves no job waiting
for ever; once Redis is
back the same request succeeds and the job runs."""

import datetime
import re

import pytest
import requests

from tests.drills.conftest import wait_for

pytestmark = pytest.mark.drill


def sign_in(base_url):
    browser = requests.Session()
    page = browser.get(f"{base_url}/login/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1]
    answer = browser.post(
        f"{base_url}/login/",
        data={"username": "demo", "password": "demo12345", "csrfmiddlewaretoken": token},
        headers={"Referer": f"{base_url}/login/"},
        timeout=30,
    )
    assert answer.status_code == 200 and "sessionid" in browser.cookies, answer.text[:300]
    return browser


def test_redis_down_pages_and_api_serve_and_jobs_answer_503_until_it_is_back(stack):
    stack.web_start()
    base, journey = stack.base_url, stack.seed["journeys"][0]
    api = stack.api()
    browser = sign_in(base)
    report_url = f"{base}/api/v1/journeys/{journey}/funnel-reports/"
    today = datetime.date.today()
    body = {"date_from": str(today - datetime.timedelta(days=365)), "date_to": str(today)}

    stack.redis_stop()
    try:
        assert api.get(f"{base}/api/v1/journeys/{journey}/", timeout=30).status_code == 200
        assert api.get(f"{base}/api/v1/touchpoints/?journey={journey}", timeout=30).ok
        assert browser.get(f"{base}/journeys/{journey}/", timeout=30).status_code == 200
        assert requests.get(f"{base}/login/", timeout=30).status_code == 200

        refused = api.post(report_url, json=body, timeout=60)
        assert refused.status_code == 503, refused.text[:500]
        assert int(refused.headers["Retry-After"]) > 0
        # The funnel page's form: a 503 page that says so, not a 500.
        funnel = f"{base}/journeys/{journey}/funnel/"
        form = browser.get(funnel, timeout=30)
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)[1]
        page = browser.post(
            funnel,
            data={**body, "conversion_window_days": 30, "csrfmiddlewaretoken": csrf},
            headers={"Referer": funnel},
            timeout=60,
        )
        assert page.status_code == 503, page.text[:500]
        assert int(page.headers["Retry-After"]) > 0
        assert "briefly unavailable" in page.text
        # The refused requests left no report "pending" for ever.
        assert stack.sql("SELECT count(*) FROM cjm_funnelreport WHERE status = 'pending'") == "0"
    finally:
        stack.redis_start()

    stack.worker_start()
    try:
        accepted = wait_for(
            lambda: (r := api.post(report_url, json=body, timeout=60)).status_code == 202 and r,
            timeout=60,
            what="a report request to be accepted once Redis is back",
        )
        report = accepted.json()["id"]
        wait_for(
            lambda: (
                api.get(f"{base}/api/v1/funnel-reports/{report}/", timeout=30).json()["status"]
                == "done"
            ),
            timeout=300,
            what="the report to be computed",
        )
    finally:
        stack.worker_stop()
