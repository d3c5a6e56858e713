"""The favicon: served at /favicon.ico (browsers ask there) and linked from every page."""

import pytest


@pytest.mark.django_db
def test_favicon_is_served_at_the_root_and_linked_from_pages(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/vnd.microsoft.icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file
    page = client.get("/login/").content.decode()
    assert 'rel="icon" href="/static/favicon.svg" type="image/svg+xml"' in page
    assert client.post("/favicon.ico").status_code == 405
