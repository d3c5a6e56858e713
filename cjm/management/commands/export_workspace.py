"""``manage.py export_workspace <id> <file>``: one workspace as a ``cjm.workspace`` JSON file
(cjm/backup.py, docs/operations.md). ``-`` writes to standard output."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from cjm.backup import workspace_document
from cjm.core.tenancy import Workspace


class Command(BaseCommand):
    help = (
        "Write a workspace (maps in the exchange format, and every row: people by e-mail, "
        "personas, segments, channels, teams, feedback, customers and events) to a JSON file."
    )

    def add_arguments(self, parser):
        parser.add_argument("workspace_id", type=int)
        parser.add_argument("file", help="where to write the JSON ('-': standard output)")

    def handle(self, *args, workspace_id: int, file: str, **options):
        workspace = Workspace.objects.filter(pk=workspace_id).first()
        if workspace is None:
            raise CommandError(f"No workspace with id {workspace_id}.")
        document = workspace_document(workspace)
        text = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True)
        if file == "-":
            sys.stdout.write(text + "\n")
            return
        with open(file, "w", encoding="utf-8") as stream:
            stream.write(text + "\n")
        rows = sum(len(rows) for rows in document["records"].values())
        self.stderr.write(
            f"Workspace {workspace.pk} ({workspace.name}): {len(document['journeys'])} maps, "
            f"{rows} rows, {len(document['users'])} people -> {file}"
        )
