"""Browser pages: the map's download buttons, "Import a map", the register as XLSX."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from cjm.models import Journey
from tests.exchange.conftest import export_json, token_client, world_counts
from touchpoints.models import Touchpoint


def test_map_shows_download_buttons_and_serves_the_files(client, viewer, map_journey):
    client.force_login(viewer)
    page = client.get(reverse("cjm:journey_detail", args=[map_journey.pk])).content.decode()
    for fmt in ("csv", "xlsx", "json"):
        assert f'id="map-export-{fmt}"' in page
        response = client.get(reverse("cjm:journey_export", args=[map_journey.pk, fmt]))
        assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert client.get(f"/journeys/{map_journey.pk}/export.pdf").status_code == 404


def test_export_page_of_other_workspace_is_404(client, outsider, map_journey):
    client.force_login(outsider)
    assert (
        client.get(reverse("cjm:journey_export", args=[map_journey.pk, "json"])).status_code == 404
    )


def test_import_page_for_editors_only(client, viewer, editor, outsider, workspace):
    url = reverse("cjm:journey_import", args=[workspace.pk])
    client.force_login(viewer)
    assert client.get(url).status_code == 403
    list_page = client.get(reverse("cjm:journey_list", args=[workspace.pk])).content.decode()
    assert 'id="journey-import"' not in list_page
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(editor)
    assert client.get(url).status_code == 200
    list_page = client.get(reverse("cjm:journey_list", args=[workspace.pk])).content.decode()
    assert 'id="journey-import"' in list_page


def test_import_page_imports_and_lists_errors(client, editor, map_journey, twin):
    raw = token_client(editor).get(f"/api/v1/journeys/{map_journey.pk}/export/").content
    client.force_login(editor)
    url = reverse("cjm:journey_import", args=[twin.pk])
    before = world_counts(twin)
    broken = raw.replace(b'"kind": "online"', b'"kind": "online-ish"')
    response = client.post(url, {"file": _upload("map.json", broken)})
    assert response.status_code == 400
    assert "/journey/channels/1/kind" in response.content.decode()
    assert world_counts(twin) == before
    response = client.post(url, {"file": _upload("map.txt", raw)})
    assert response.status_code == 400 and world_counts(twin) == before
    response = client.post(url, {"file": _upload("map.json", raw)})
    journey = Journey.objects.get(workspace=twin)
    assert response.status_code == 302 and response["Location"].endswith(f"/journeys/{journey.pk}/")
    assert export_json(token_client(editor), journey.pk)["journey"]["title"] == "Buying a sofa"


def test_register_xlsx_uses_the_register_filters(client, viewer, map_journey, workspace):
    Touchpoint.objects.filter(rating="awful").update(name='=HYPERLINK("http://x")')
    client.force_login(viewer)
    url = reverse("cjm:touchpoint_export_xlsx", args=[workspace.pk])
    response = client.get(url, {"rating": "awful"})
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Journey", "Stage", "Touchpoint")
    assert {row[5] for row in rows[1:]} == {"Awful"}
    assert len(rows) - 1 == sum(
        1 for s in map_journey.stages.all() for t in s.touchpoints.all() if t.rating == "awful"
    )
    assert {row[2] for row in rows[1:]} == {'\'=HYPERLINK("http://x")'}


def _upload(name: str, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)
