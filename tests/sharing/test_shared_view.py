"""The shared map: anonymous and read-only, no e-mail, nothing of other journeys; revoke,
expiry, password, embed framing and headers."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from cjm.sharing.services import share_link_create, share_link_revoke
from cjm.sharing.views import PASSWORD_ATTEMPTS

pytestmark = pytest.mark.django_db


def url(link, **query):
    base = reverse("cjm:shared_map", kwargs={"token": link.token})
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_anonymous_reads_the_map_read_only(client, link):
    response = client.get(url(link))
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Delivery map",
        "Choose",
        "Receive",
        "Product page",
        "Courier call",
        "Find a gift",
        "Courier app",
        "emotion__point--negative",
        "tp--awful",
    ):
        assert text in html
    for edit in (
        "hx-post",
        "hx-delete",
        "hx-get",
        "<form",
        "data-move-url",
        "Add touchpoint",
        "data-sortable-cards",
        "csrfmiddlewaretoken",
    ):
        assert edit not in html, edit
    # No e-mail address (the owner whose username is one is not shown), no other journey,
    # no navigation or workspace switcher.
    assert "@" not in html.replace("@media", "")
    assert "Nina Petrova" in html and "Logistics" in html
    assert "Secret other map" not in html and "Acme Store" not in html
    assert reverse("cjm:home") + '"' not in html
    assert 'href="/journeys/' not in html and 'href="/w/' not in html


def test_headers_deny_framing_unless_embed(client, link):
    normal = client.get(url(link))
    assert normal["X-Frame-Options"] == "DENY"
    assert normal["Referrer-Policy"] == "no-referrer"
    assert "noindex" in normal["X-Robots-Tag"]
    embed = client.get(url(link, embed=1))
    assert embed.status_code == 200
    assert "X-Frame-Options" not in embed
    # The embed view may be framed by any site; the rest of the policy (no inline script) stays.
    assert "frame-ancestors *" in embed["Content-Security-Policy"]
    assert "script-src 'self'" in embed["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in normal["Content-Security-Policy"]
    assert embed["Referrer-Policy"] == "no-referrer"
    assert "noindex" in embed["X-Robots-Tag"]
    assert "shared-map--embed" in embed.content.decode()


def test_other_pages_keep_deny(client, editor, shared_journey):
    client.force_login(editor)
    page = client.get(reverse("cjm:journey_detail", kwargs={"journey_id": shared_journey.pk}))
    assert page["X-Frame-Options"] == "DENY"
    assert "X-Frame-Options" in client.get(reverse("login") + "?embed=1")


def test_revoked_link_is_404(client, link, editor):
    share_link_revoke(actor=editor, link=link)
    assert client.get(url(link)).status_code == 404
    assert client.get(url(link, embed=1)).status_code == 404


def test_expired_link_is_404(client, shared_journey, editor):
    soon = timezone.now() + datetime.timedelta(hours=1)
    link = share_link_create(actor=editor, journey=shared_journey, expires_at=soon)
    assert client.get(url(link)).status_code == 200
    type(link).objects.filter(pk=link.pk).update(expires_at=timezone.now())
    assert client.get(url(link)).status_code == 404


def test_unknown_token_is_404(client, link):
    assert client.get(reverse("cjm:shared_map", kwargs={"token": "x" * 43})).status_code == 404


def test_password(client, shared_journey, editor):
    cache.clear()
    link = share_link_create(actor=editor, journey=shared_journey, password="s3cret-pass")
    assert link.password.startswith(("pbkdf2", "argon2", "md5", "bcrypt", "scrypt"))
    form = client.get(url(link))
    assert form.status_code == 200
    assert "Product page" not in form.content.decode()
    assert form["Referrer-Policy"] == "no-referrer"
    wrong = client.post(url(link), {"password": "nope"})
    assert wrong.status_code == 400
    assert "Wrong password" in wrong.content.decode()
    assert "Product page" not in client.get(url(link)).content.decode()
    right = client.post(url(link), {"password": "s3cret-pass"})
    assert right.status_code == 302
    assert "Product page" in client.get(url(link)).content.decode()
    # Another client (no session flag) still gets the form.
    other = client.__class__()
    assert "Product page" not in other.get(url(link)).content.decode()


def test_password_attempts_are_limited(client, shared_journey, editor):
    cache.clear()
    link = share_link_create(actor=editor, journey=shared_journey, password="s3cret-pass")
    for _attempt in range(PASSWORD_ATTEMPTS):
        assert client.post(url(link), {"password": "nope"}).status_code == 400
    blocked = client.post(url(link), {"password": "s3cret-pass"})
    assert blocked.status_code == 429
    assert "Product page" not in client.get(url(link)).content.decode()
    cache.clear()


def test_shared_view_query_count(client, link, django_assert_num_queries):
    # link + journey, personas, stages, touchpoints, lanes, cells, the funnel metrics lane
    # (latest report), the done actions' measured outcomes (card badges): whatever the map's size.
    client.get(url(link))
    with django_assert_num_queries(9):
        assert client.get(url(link)).status_code == 200
