"""Where uploaded event files wait for their import job.

``MEDIA_ROOT/event-imports`` (``MEDIA_ROOT`` defaults to ``<project>/media``). The web process
saves the file and the worker reads it, so in production both must see the same directory (a
shared volume: docker-compose.yml mounts one on both).
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property


class ImportStorage(FileSystemStorage):
    @cached_property
    def base_location(self):  # re-read when MEDIA_ROOT changes (FileSystemStorage resets it)
        media = settings.MEDIA_ROOT or str(Path(settings.BASE_DIR) / "media")
        return os.path.join(media, "event-imports")


def import_storage() -> FileSystemStorage:
    return ImportStorage()
