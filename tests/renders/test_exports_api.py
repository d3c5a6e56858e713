"""Map exports through the API: rendered for real (eager Celery, WeasyPrint, poppler), readable
text in the PDF, an A3-landscape PNG, membership on every endpoint, pinned queries."""

import io
import struct
import subprocess

import pytest

from cjm.renders.models import MapRender
from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db(transaction=False)


def export(client, journey, format):
    return client.post(f"/api/v1/journeys/{journey.pk}/exports/", {"format": format}, format="json")


def pdf_text(path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode()


def test_a_viewer_exports_the_map_as_a_pdf_holding_every_stage_and_touchpoint(
    viewer, english_map, django_capture_on_commit_callbacks
):
    client = token_client(viewer)
    with django_capture_on_commit_callbacks(execute=True):
        response = export(client, english_map, "pdf")
    assert response.status_code == 202
    assert {"id", "status", "progress", "url"} <= set(response.data)

    status = client.get(f"/api/v1/exports/{response.data['id']}/")
    assert status.status_code == 200
    assert status.data["status"] == "done" and status.data["progress"] == 100
    download = client.get(status.data["download_url"], HTTP_ACCEPT="application/pdf")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    body = b"".join(download.streaming_content)
    assert body.startswith(b"%PDF")

    render = MapRender.objects.get(pk=response.data["id"])
    assert render.file.name.startswith("renders/")
    text = pdf_text(render.file.path)
    for name in ["Buying a sofa", "Discover", "Choose", "Pay", "Delivery", "Instagram ad",
                 "Friend's advice", "Product page", "Checkout form", "Courier call",
                 "Get it on time", "+2", "-3"]:  # fmt: skip
        assert name in text, name


def test_a_russian_map_keeps_its_cyrillic_text(
    editor, russian_map, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = export(token_client(editor), russian_map, "pdf")
    text = pdf_text(MapRender.objects.get(pk=response.data["id"]).file.path)
    for name in ["Покупка дивана", "Поиск", "Выбор", "Оплата", "Реклама во ВКонтакте",
                 "Карточка товара", "Форма оплаты"]:  # fmt: skip
        assert name in text, name


def test_the_png_is_a_png_of_a3_landscape_proportions(
    viewer, english_map, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = export(token_client(viewer), english_map, "png")
    data = MapRender.objects.get(pk=response.data["id"]).file.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", io.BytesIO(data[16:24]).read())
    assert width > height > 1000
    assert abs(width / height - 420 / 297) < 0.01


def test_an_outsider_gets_404_on_the_export_and_its_download(
    viewer, outsider, english_map, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        render_id = export(token_client(viewer), english_map, "pdf").data["id"]
    stranger = token_client(outsider)
    assert export(stranger, english_map, "pdf").status_code == 404
    assert stranger.get(f"/api/v1/exports/{render_id}/").status_code == 404
    assert stranger.get(f"/api/v1/exports/{render_id}/download/").status_code == 404
    assert token_client(None).get(f"/api/v1/exports/{render_id}/").status_code == 401


def test_a_bad_format_is_a_400(viewer, english_map):
    response = export(token_client(viewer), english_map, "docx")
    assert response.status_code == 400
    assert "format" in response.data
    assert not MapRender.objects.exists()


def test_the_status_endpoint_costs_two_queries(viewer, english_map, django_assert_num_queries):
    render = MapRender.objects.create(journey=english_map, format="pdf", created_by=viewer)
    client = token_client(viewer)
    with django_assert_num_queries(2):  # the token with its user, the export
        response = client.get(f"/api/v1/exports/{render.pk}/")
    assert response.data["status"] == "pending"
    assert response.data["download_url"] is None
