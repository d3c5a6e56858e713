"""Import a large CSV or NDJSON file of events, streaming (COPY on PostgreSQL).

    manage.py import_events events.csv --workspace 3
    manage.py import_events events.ndjson --workspace 3 --skip-bad-rows
    zcat events.csv.gz | manage.py import_events - --workspace 3 --format csv

The file format is the one of the upload page (see cjm/funnels/importer.py). Everything is
imported in one transaction: unless ``--skip-bad-rows`` is given, one bad row means nothing is
stored and the bad rows are listed (exit status 1).
"""

import os
import sys
import time

from django.core.management.base import BaseCommand, CommandError

from cjm.core.tenancy import Workspace
from cjm.funnels.choices import ImportFormat
from cjm.funnels.importer import FileFormatError
from cjm.funnels.services.events import events_import_file, guess_format


class Command(BaseCommand):
    help = "Import customer events from a CSV or NDJSON file (or - for standard input)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path of the file, or - for standard input.")
        parser.add_argument("--workspace", type=int, required=True, help="Workspace id.")
        parser.add_argument(
            "--format",
            choices=ImportFormat.values,
            help="Default: from the file name (.csv, .ndjson, .jsonl).",
        )
        parser.add_argument(
            "--skip-bad-rows",
            action="store_true",
            help="Store the good rows and report the bad ones (default: all or nothing).",
        )
        parser.add_argument(
            "--chunk-size", type=int, default=50_000, help="Rows per COPY batch (default 50000)."
        )
        parser.add_argument(
            "--errors", type=int, default=20, help="How many bad rows to print (default 20)."
        )

    def handle(self, *args, **options):
        workspace = Workspace.objects.filter(pk=options["workspace"]).first()
        if workspace is None:
            raise CommandError(f"No workspace {options['workspace']}.")
        path = options["file"]
        format = options["format"] or guess_format(path)
        if format is None:
            raise CommandError("Cannot tell the format from the file name: pass --format.")
        started = time.monotonic()
        last = [started]

        def progress(report, percent):
            now = time.monotonic()
            if now - last[0] >= 5 and options["verbosity"] >= 1:
                last[0] = now
                rate = report.rows / (now - started)
                self.stderr.write(f"  {report.rows:,} rows ({percent}%), {rate:,.0f} rows/s")

        try:
            stream, total = self._open(path)
            with stream:
                report = events_import_file(
                    actor=None,
                    workspace=workspace,
                    stream=stream,
                    format=format,
                    skip_bad_rows=options["skip_bad_rows"],
                    total_bytes=total,
                    on_progress=progress,
                    chunk_size=options["chunk_size"],
                    parse_in_process=True,
                )
        except FileFormatError as exc:
            raise CommandError(str(exc)) from exc
        seconds = time.monotonic() - started
        for error in report.errors[: options["errors"]]:
            self.stderr.write(f"line {error['line']}: {error['errors']}")
        if report.bad_rows > options["errors"]:
            self.stderr.write(f"... and {report.bad_rows - options['errors']:,} more bad rows")
        rate = report.rows / seconds if seconds else 0
        summary = (
            f"{report.rows:,} rows in {seconds:.1f} s ({rate:,.0f} rows/s): "
            f"{report.created:,} created, {report.duplicates:,} duplicates, "
            f"{report.bad_rows:,} bad rows"
        )
        if not report.stored:
            raise CommandError(f"Nothing was stored. {summary}")
        self.stdout.write(summary)

    def _open(self, path: str):
        if path == "-":
            return os.fdopen(os.dup(sys.stdin.fileno()), "rb"), None
        try:
            return open(path, "rb"), os.path.getsize(path)  # noqa: SIM115 (closed by the caller)
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc}") from exc
