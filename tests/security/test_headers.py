"""Finding 8: security headers on every page, no inline script anywhere a browser runs our
templates, the Docker image and compose never run with DEBUG, and the public answer pages answer
bad links with a page, not a 500."""

import re
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.test import Client

ROOT = Path(settings.BASE_DIR)
# Rendered by WeasyPrint into a PDF on the server, never served to a browser.
SERVER_SIDE_ONLY = {"renders/map_print.html"}


def _templates():
    for folder in [ROOT / "templates", *ROOT.glob("*/templates"), *ROOT.glob("cjm/*/templates")]:
        for path in folder.rglob("*.html"):
            name = path.relative_to(folder).as_posix()
            if name not in SERVER_SIDE_ONLY:
                yield name, path.read_text()


def test_templates_have_no_inline_script_or_event_handler():
    offenders = []
    for name, text in _templates():
        for tag in re.findall(r"<script\b[^>]*>", text, flags=re.IGNORECASE):
            if "src=" not in tag and "application/json" not in tag:
                offenders.append(f"{name}: {tag}")
        for attribute in re.findall(r"<[^>]*\son[a-z]+\s*=", text, flags=re.IGNORECASE):
            offenders.append(f"{name}: {attribute[-40:]}")
        if re.search(r"(href|src)\s*=\s*[\"']\s*javascript:", text, flags=re.IGNORECASE):
            offenders.append(f"{name}: javascript: URL")
    assert offenders == []


def _policy(response) -> dict:
    parts = [part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")]
    return {name: value for name, value in parts}


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/login/", "/api/docs/", "/api/v1/", "/feedback/thanks/"])
def test_every_answer_carries_the_security_headers(url):
    response = Client().get(url)
    policy = _policy(response)
    assert policy["script-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_swagger_ui_has_no_inline_script(db):
    page = Client().get("/api/docs/").content.decode()
    assert all("src=" in tag for tag in re.findall(r"<script\b[^>]*>", page))


def _dockerfile_env() -> dict:
    env = {}
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    for line in text.splitlines():
        if line.startswith("ENV "):
            env.update(dict(re.findall(r"(\w+)=(\S+)", line)))
    return env


def test_the_docker_image_runs_in_production_mode_without_debug():
    env = _dockerfile_env()
    assert env.get("CJM_PRODUCTION") == "1"
    assert env.get("DEBUG") == "0"


def test_every_compose_service_of_the_app_runs_without_debug():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    app_services = {
        name: service
        for name, service in compose["services"].items()
        if service.get("build") or str(service.get("image", "")).startswith("cjm")
    }
    assert set(app_services) >= {"web", "worker", "beat"}
    for name, service in app_services.items():
        environment = service["environment"]
        assert str(environment.get("CJM_PRODUCTION")) == "1", name
        assert str(environment.get("DEBUG")) == "0", name


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [False, True])
def test_thanks_without_language_and_unknown_invitation_are_pages_not_errors(settings, debug):
    settings.DEBUG = debug
    client = Client(raise_request_exception=False)
    assert client.get("/feedback/thanks/").status_code == 200
    assert client.get("/feedback/thanks/?lang=xx").status_code == 200
    assert client.get("/i/not-a-real-token/").status_code == 404
    assert client.post("/i/not-a-real-token/", {"score": "5"}).status_code in (403, 404)
    assert client.get("/i/%00%ff/").status_code in (400, 404)
