"""The OpenAPI schema: served at /api/schema/, valid OpenAPI 3, every operation typed and its
error responses documented; Swagger UI at /api/docs/."""

import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from openapi_spec_validator import validate
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

VERSIONED = ("journeys", "stages", "lanes", "touchpoints", "personas", "actions")


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    with django_db_blocker.unblock():
        response = APIClient().get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return response.json()


def operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in {"get", "post", "put", "patch", "delete"}:
                yield path, method, operation


def test_the_schema_is_valid_openapi(schema):
    validate(schema)
    assert schema["openapi"].startswith("3.")


def test_every_operation_is_typed_and_documents_its_errors(schema):
    """The operations of the journeys', accounts', personas' and touchpoints' endpoints (the
    permission matrix lists them all)."""
    from tests.api.test_permissions import ENDPOINTS, PUBLIC

    ours = {e.operation for e in ENDPOINTS} | PUBLIC
    for path, method, operation in operations(schema):
        if (method, path) not in ours:
            continue
        where = f"{method.upper()} {path}"
        responses = operation["responses"]
        success = [code for code in responses if code.startswith("2")]
        assert success, where
        for code in success:
            if code != "204":
                assert "application/json" in responses[code]["content"], where
        if method in {"post", "put", "patch"}:
            assert "requestBody" in operation, where
        if path == "/api/v1/auth/token/":
            assert {"400", "429"} <= set(responses), where
            continue
        assert {"401", "404", "429"} <= set(responses), where
        if method != "get":
            assert {"400", "403", "413"} <= set(responses), where
        if (
            method in {"put", "patch", "delete"}
            and path.split("/")[3] in VERSIONED
            and path.endswith("{id}/")
        ):
            assert "412" in responses, where
            assert any(p["name"] == "If-Match" for p in operation["parameters"]), where


def test_limits_and_throttling_are_described(schema):
    description = schema["info"]["description"]
    assert "1048576 bytes" in description
    assert "1200/minute" in description


def test_swagger_ui_is_served_from_our_own_static_files():
    response = APIClient().get("/api/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower() and "https://" not in page  # works on a closed network
    bundle = re.search(r'src="([^"]*swagger-ui-bundle\.js)"', page).group(1)
    assert finders.find(bundle.removeprefix(settings.STATIC_URL)), bundle
