"""Seed the load test's database (DATABASE_URL) and write what the scenario needs as JSON.

Usage: python tests/benchmarks/load/seed_load.py OUT.json [SCALE]"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cjm.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import (  # noqa: E402
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,  # noqa: E402
)
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402

from cjm.accounts.services.users import api_token_create  # noqa: E402
from cjm.demo.loader import demo_seed  # noqa: E402
from cjm.models import Journey, Stage  # noqa: E402
from feedback.choices import SCALES  # noqa: E402
from feedback.models import Survey  # noqa: E402
from touchpoints.models import Touchpoint  # noqa: E402

EDITORS = ("demo", "anna", "ivan", "olga")


def main(out: str, scale: float) -> None:
    workspace = demo_seed(scale=scale).workspace
    tokens, cookies = [], {}
    for username in EDITORS:
        user = get_user_model().objects.get(username=username)
        token = api_token_create(actor=user).key
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        tokens.append(token)
        cookies[token] = {settings.SESSION_COOKIE_NAME: session.session_key}
    journeys = list(Journey.objects.filter(workspace=workspace).values_list("pk", flat=True))
    Survey.objects.filter(workspace=workspace).update(is_active=True, starts_at=None, ends_at=None)
    seed = {
        "workspace": workspace.pk,
        "tokens": tokens,
        "session_cookies": cookies,
        "journeys": journeys,
        "stages": list(Stage.objects.filter(journey__in=journeys).values_list("pk", flat=True)),
        "touchpoints": list(
            Touchpoint.objects.filter(stage__journey__in=journeys).values_list("pk", flat=True)
        ),
        # [id, lowest score, highest score]: each survey's scale (NPS 0-10, CSAT 1-5, CES 1-7).
        "surveys": [
            [pk, *SCALES[kind]]
            for pk, kind in Survey.objects.filter(workspace=workspace).values_list("pk", "kind")
        ],
    }
    Path(out).write_text(json.dumps(seed))


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 0.3)
