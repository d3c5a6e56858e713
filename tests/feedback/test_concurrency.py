"""Single-use invitations under two simultaneous submissions: exactly one answer is stored.

Runs on PostgreSQL (two real connections and a row lock); skipped on SQLite, which serialises
all writers anyway.
"""

import threading
import time

import pytest
from django.db import connection

from feedback import services
from feedback.models import Invitation, Response
from feedback.services import fatigue
from tests.feedback.factories import InvitationFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL row locks and two connections"
)


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_answers_store_one(survey, monkeypatch):
    invitation = InvitationFactory(survey=survey, customer_external_id="c1")
    token = invitation.token
    real_check = fatigue.check_answer

    def slow_check(**kwargs):
        # Hold the claimed row a moment, so the other submission meets the lock.
        time.sleep(0.3)
        return real_check(**kwargs)

    monkeypatch.setattr(fatigue, "check_answer", slow_check)
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def submit(score: int) -> None:
        try:
            start.wait()
            services.response_submit_invitation(token=token, score=score)
            outcomes.append("stored")
        except services.LinkGone as gone:
            outcomes.append(gone.reason)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(score,)) for score in (9, 3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)

    assert sorted(outcomes) == ["stored", "used"]
    assert Response.objects.filter(invitation=invitation).count() == 1
    assert Invitation.objects.get(pk=invitation.pk).used_at is not None
