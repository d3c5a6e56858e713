"""Where uploaded event files wait for their import job.

``CJM_UPLOAD_ROOT`` (default ``MEDIA_ROOT/event-imports``; ``MEDIA_ROOT`` defaults to
``<project>/media``). No URL serves either directory (WhiteNoise serves ``STATIC_ROOT`` only and
there is no ``MEDIA_URL`` route; tests/security/test_uploads.py checks it): an uploaded file is
only ever read by the import job, and deleted when the import ends. The web process saves the
file and the worker reads it, so in production both must see the same directory (a shared
volume: docker-compose.yml mounts one on both).
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property


class ImportStorage(FileSystemStorage):
    @cached_property
    def base_location(self):  # re-read when MEDIA_ROOT changes (FileSystemStorage resets it)
        private = getattr(settings, "CJM_UPLOAD_ROOT", "")
        if private:
            return str(private)
        media = settings.MEDIA_ROOT or str(Path(settings.BASE_DIR) / "media")
        return os.path.join(media, "event-imports")


def import_storage() -> FileSystemStorage:
    return ImportStorage()
