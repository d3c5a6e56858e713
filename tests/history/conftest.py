"""Fixtures of the audit log tests: a small map (journey, stage, lanes, a touchpoint) made
through the services, so its history starts as a user's would."""

import pytest

from cjm import services as cjm_services
from tests.factories import PASSWORD
from touchpoints import services as touchpoint_services


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def journey(workspace, editor):
    return cjm_services.journey_create(
        actor=editor, workspace=workspace, title="Delivery", stage_names=["Order", "Delivery"]
    )


@pytest.fixture
def stage(journey, editor):
    return journey.stages.order_by("position").first()


@pytest.fixture
def touchpoint(stage, editor):
    return touchpoint_services.touchpoint_create(
        actor=editor, stage=stage, name="Courier call", rating="so_so"
    )


@pytest.fixture
def staff_editor(editor):
    editor.is_staff = True
    editor.save()
    return editor


def sign_in(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client
