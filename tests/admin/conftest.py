"""Fixtures of the admin tests: a superuser, a workspace admin who is staff, two workspaces."""

import pytest

from tests.admin.helpers import build_workspace_data
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Every test signs in for real; a cheap hasher keeps that fast."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


@pytest.fixture
def staff_admin(ws_admin):
    """Alice: admin of the workspace "Acme Store", and staff."""
    ws_admin.is_staff = True
    ws_admin.save()
    return ws_admin


@pytest.fixture
def two_workspaces(workspace, other_workspace, staff_admin, outsider):
    mine = build_workspace_data(workspace, staff_admin, "Mine")
    theirs = build_workspace_data(other_workspace, outsider, "Theirs")
    return mine, theirs
