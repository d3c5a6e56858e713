"""``manage.py import_workspace <file>``: restore a workspace written by ``export_workspace``
into a database that does not hold it (an empty one after ``migrate``): cjm/backup.py."""

import json

from django.core.management.base import BaseCommand, CommandError

from cjm.backup import RestoreError, workspace_restore


class Command(BaseCommand):
    help = "Restore a workspace from an export_workspace JSON file (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file: str, **options):
        try:
            with open(file, encoding="utf-8") as stream:
                document = json.load(stream)
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
        try:
            workspace = workspace_restore(document)
        except RestoreError as error:
            raise CommandError(str(error)) from None
        rows = sum(len(rows) for rows in document["records"].values())
        self.stderr.write(
            f"Restored workspace {workspace.pk} ({workspace.name}): {rows} rows. Clear the cache "
            "if Redis outlived the database (docs/operations.md)."
        )
