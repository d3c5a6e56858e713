"""Finding 4: uploads are capped in size (CJM_UPLOAD_MAX_MB) and rows (CJM_UPLOAD_MAX_ROWS),
typed by content, deleted when their import ends, and stored where no URL serves them."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook
from rest_framework.test import APIClient

from cjm.core.uploads import sniff
from cjm.funnels.models import Event, EventImport
from tests.funnels.helpers import build_funnel_world


@pytest.fixture(autouse=True)
def upload_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.CJM_UPLOAD_ROOT = str(tmp_path / "private-uploads")
    return Path(settings.CJM_UPLOAD_ROOT)


@pytest.fixture
def world(workspace):
    return build_funnel_world(workspace)


@pytest.fixture
def api(editor):
    client = APIClient()
    client.force_authenticate(editor)
    return client


def _csv(world, rows=1, bad=False):
    stage = world.stages[0].pk
    lines = ["event_id,customer,stage,touchpoint,channel,occurred_at"]
    for index in range(rows):
        lines.append(f"u{index},c{index},{stage},,,2026-03-02T10:00:00Z")
    if bad:
        lines.append(f"bad,c0,{stage},,,not a time")
    return ("\n".join(lines) + "\n").encode()


def _upload(api, world, name, content, execute, **extra):
    upload = SimpleUploadedFile(name, content)
    with execute(execute=True):
        return api.post(
            "/api/v1/event-imports/",
            {"workspace": world.workspace.pk, "file": upload, **extra},
            format="multipart",
        )


def _files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def test_files_of_done_and_failed_imports_are_deleted(
    world, api, upload_root, django_capture_on_commit_callbacks
):
    done = _upload(api, world, "ok.csv", _csv(world), django_capture_on_commit_callbacks)
    failed = _upload(
        api, world, "bad.csv", _csv(world, bad=True), django_capture_on_commit_callbacks
    )
    assert done.status_code == failed.status_code == 202
    statuses = {job.file_name: job.status for job in EventImport.objects.all()}
    assert statuses == {"ok.csv": "done", "bad.csv": "failed"}
    assert _files(upload_root) == []
    assert all(not job.file for job in EventImport.objects.all())
    assert not Path(settings.MEDIA_ROOT, "event-imports").exists()  # the private root was used


def test_pending_upload_waits_in_the_private_root(world, api, upload_root):
    response = api.post(
        "/api/v1/event-imports/",
        {"workspace": world.workspace.pk, "file": SimpleUploadedFile("e.csv", _csv(world))},
        format="multipart",
    )  # no on-commit callbacks run: the import stays queued
    assert response.status_code == 202
    assert len(_files(upload_root)) == 1


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("evil.html", b"<html><script>alert(1)</script></html>"),
        ("evil.csv", b"<!doctype html><html><body>hi</body></html>"),
        ("image.csv", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50),
        ("events.ndjson", b"event_id,customer\n1,2\n"),
        ("book.csv", b"PK\x03\x04" + b"\x00" * 100),
    ],
)
def test_content_that_is_not_the_expected_type_is_refused_and_not_stored(
    world, api, upload_root, name, content
):
    response = api.post(
        "/api/v1/event-imports/",
        {"workspace": world.workspace.pk, "file": SimpleUploadedFile(name, content)},
        format="multipart",
    )
    assert response.status_code == 400
    assert "file" in response.json() or "format" in response.json()
    assert EventImport.objects.count() == 0
    assert _files(upload_root) == []


def test_size_cap(world, api, settings, upload_root):
    settings.CJM_UPLOAD_MAX_MB = 1
    content = _csv(world) + b"x" * (1024 * 1024)
    response = api.post(
        "/api/v1/event-imports/",
        {"workspace": world.workspace.pk, "file": SimpleUploadedFile("big.csv", content)},
        format="multipart",
    )
    assert response.status_code == 400
    assert "at most 1 MB" in response.json()["file"][0]
    assert _files(upload_root) == []


def test_size_cap_on_the_import_page(world, client, editor, settings):
    settings.CJM_UPLOAD_MAX_MB = 1
    client.force_login(editor)
    content = _csv(world) + b"x" * (1024 * 1024)
    response = client.post(
        reverse("cjm:event_import_list", kwargs={"workspace_id": world.workspace.pk}),
        {"file": SimpleUploadedFile("big.csv", content)},
    )
    assert response.status_code == 400
    assert "at most 1 MB" in response.content.decode()


def test_row_cap_fails_the_import_and_stores_nothing(
    world, api, settings, upload_root, django_capture_on_commit_callbacks
):
    settings.CJM_UPLOAD_MAX_ROWS = 5
    response = _upload(
        api,
        world,
        "many.csv",
        _csv(world, rows=8),
        django_capture_on_commit_callbacks,
        skip_bad_rows=True,
    )
    job = api.get(f"/api/v1/event-imports/{response.json()['id']}/").json()
    assert job["status"] == "failed"
    assert "more than 5 rows" in job["error_message"]
    assert Event.objects.count() == 0
    assert _files(upload_root) == []


def test_journey_import_checks_content_against_the_name(workspace, editor):
    client = APIClient()
    client.force_authenticate(editor)
    url = f"/api/v1/workspaces/{workspace.pk}/journey-imports/"
    fake_book = SimpleUploadedFile("map.xlsx", b"stage,touchpoint\nA,B\n")
    response = client.post(url, {"file": fake_book}, format="multipart")
    assert response.status_code == 400
    assert "XLSX" in str(response.json())
    page = Client()
    page.force_login(editor)
    response = page.post(
        reverse("cjm:journey_import", kwargs={"workspace_id": workspace.pk}),
        {"file": SimpleUploadedFile("map.json", b"<html></html>")},
    )
    assert response.status_code == 400
    assert "JSON" in response.content.decode()


def test_sniff_tells_types_by_content():
    book = io.BytesIO()
    Workbook().save(book)
    assert sniff(book.getvalue()) == "xlsx"
    assert sniff(b'{"event_id": 1}\n') == "json"
    assert sniff("event_id;клиент\n1;2\n".encode("cp1251")) == "text"
    assert sniff("\ufeffevent_id,customer\n".encode()) == "text"
    assert sniff(b"<svg/>") == "markup"
    assert sniff(b"\x00\x01") == "binary"


@pytest.mark.django_db
def test_no_url_serves_uploaded_or_media_files(upload_root, settings):
    upload_root.mkdir(parents=True)
    (upload_root / "secret.csv").write_text("event_id\n")
    media = Path(settings.MEDIA_ROOT)
    (media / "event-imports").mkdir(parents=True)
    (media / "event-imports" / "secret.csv").write_text("event_id\n")
    client = Client()
    for url in (
        "/media/event-imports/secret.csv",
        "/event-imports/secret.csv",
        "/static/event-imports/secret.csv",
        "/secret.csv",
    ):
        assert client.get(url).status_code == 404, url
    static_roots = [Path(settings.STATIC_ROOT), *map(Path, settings.STATICFILES_DIRS)]
    for root in static_roots:
        for upload_dir in (upload_root, media):
            assert not upload_dir.resolve().is_relative_to(root.resolve())
