"""Account basics: password change, password reset by e-mail, sign-up only when opened."""

import re

import pytest
from django.core import mail

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

NEW = "another-long-passphrase-42"


def test_password_reset_mail_and_link(client, editor):
    assert client.get("/account/password-reset/").status_code == 200
    response = client.post("/account/password-reset/", {"email": editor.email})
    assert response["Location"] == "/account/password-reset/sent/"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [editor.email]
    link = re.search(r"https?://[^/]+(/account/reset/\S+)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200 and "new_password1" in form.content.decode()
    done = client.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    assert done["Location"] == "/account/reset/done/"
    editor.refresh_from_db()
    assert editor.check_password(NEW)


def test_password_change(client, editor):
    client.force_login(editor)
    data = {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW}
    assert client.post("/account/password/", data)["Location"] == "/account/password/done/"
    editor.refresh_from_db()
    assert editor.check_password(NEW)


def test_sign_up_is_closed_unless_the_setting_opens_it(client, settings):
    assert client.get("/signup/").status_code == 404
    settings.CJM_OPEN_SIGNUP = True
    data = {
        "username": "fresh",
        "email": "fresh@example.com",
        "password1": NEW,
        "password2": NEW,
    }
    assert client.post("/signup/", data).status_code == 302
    assert client.get("/").status_code in (200, 302)
    assert client.session["_auth_user_id"]
