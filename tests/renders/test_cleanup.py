"""The beat job removes exports older than a day, files included, and may run again."""

import datetime
import os

from django.core.files.base import ContentFile
from django.utils import timezone

from cjm.renders.models import MapRender
from cjm.renders.tasks import map_renders_cleanup_task


def test_cleanup_deletes_expired_exports_and_their_files_and_is_idempotent(viewer, english_map):
    old = MapRender.objects.create(journey=english_map, format="pdf", created_by=viewer,
                                   status="done", progress=100)  # fmt: skip
    old.file.save("old.pdf", ContentFile(b"%PDF-old"))
    MapRender.objects.filter(pk=old.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    fresh = MapRender.objects.create(journey=english_map, format="pdf", created_by=viewer,
                                     status="done", progress=100)  # fmt: skip
    fresh.file.save("fresh.pdf", ContentFile(b"%PDF-fresh"))
    old_path, fresh_path = old.file.path, fresh.file.path

    assert map_renders_cleanup_task.delay().get() == 1
    assert list(MapRender.objects.all()) == [fresh]
    assert not os.path.exists(old_path)
    assert os.path.exists(fresh_path)
    assert fresh.expires_at - fresh.created_at == datetime.timedelta(days=1)

    assert map_renders_cleanup_task.delay().get() == 0  # again: nothing left to do, no error
