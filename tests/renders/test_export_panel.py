"""The map page's export panel (htmx) and the browser download; the tiling rule of the print."""

import pytest
from django.test import Client

from cjm.renders.document import tiles
from cjm.renders.models import MapRender


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_map_page_loads_the_panel_which_a_viewer_uses_to_export_and_download(
    viewer, english_map, django_capture_on_commit_callbacks
):
    client = client_of(viewer)
    panel_url = f"/journeys/{english_map.pk}/exports/"
    page = client.get(f"/journeys/{english_map.pk}/")
    assert f'hx-get="{panel_url}"' in page.content.decode()
    panel = client.get(panel_url, headers={"HX-Request": "true"}).content.decode()
    assert "Export PDF" in panel and "Export PNG" in panel and "Download" not in panel

    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(panel_url, {"format": "pdf"}, headers={"HX-Request": "true"})
    assert 'hx-trigger="every 1s"' in answer.content.decode()  # queued: the panel polls
    render = MapRender.objects.get()
    assert render.status == "done" and render.created_by == viewer
    panel = client.get(panel_url, headers={"HX-Request": "true"}).content.decode()
    assert f"/exports/{render.pk}/download/" in panel and "every 1s" not in panel
    download = client.get(f"/exports/{render.pk}/download/")
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"


def test_a_running_export_is_polled_not_repeated_and_a_bad_format_is_refused(
    viewer, english_map, django_assert_num_queries
):
    client = client_of(viewer)
    panel_url = f"/journeys/{english_map.pk}/exports/"
    MapRender.objects.create(journey=english_map, format="png", created_by=viewer, progress=30)
    client.get(panel_url)  # the session and the user are read once per request anyway
    # session, user, journey, the latest export per format
    with django_assert_num_queries(5):
        panel = client.get(panel_url, headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 1s"' in panel and 'value="30"' in panel
    again = client.post(panel_url, {"format": "png"}, headers={"HX-Request": "true"})
    assert again.status_code == 200 and MapRender.objects.count() == 1
    bad = client.post(panel_url, {"format": "gif"}, headers={"HX-Request": "true"})
    assert bad.status_code == 400
    assert MapRender.objects.count() == 1


def test_an_outsider_gets_404_on_the_panel_and_the_download(viewer, outsider, english_map):
    render = MapRender.objects.create(journey=english_map, format="pdf", created_by=viewer)
    client = client_of(outsider)
    assert client.get(f"/journeys/{english_map.pk}/exports/").status_code == 404
    assert client.post(f"/journeys/{english_map.pk}/exports/", {"format": "pdf"}).status_code == 404
    assert client.get(f"/exports/{render.pk}/download/").status_code == 404
    assert not MapRender.objects.exclude(pk=render.pk).exists()


@pytest.mark.parametrize(
    ("count", "sizes"),
    [(1, [1]), (8, [8]), (9, [5, 4]), (12, [6, 6]), (17, [6, 6, 5]), (24, [8, 8, 8])],
)
def test_maps_wider_than_eight_stages_are_tiled_in_even_groups(count, sizes):
    groups = tiles(count)
    assert [len(group) for group in groups] == sizes
    assert [index for group in groups for index in group] == list(range(count))
